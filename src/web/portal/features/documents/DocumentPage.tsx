import { Alert, Anchor, Box, Button, Group, List, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck, IconDownload } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { questionsOf, type FileAnswer } from '../../../../shared/schemas/document-templates.js';
import type { PortalDocument } from '../../../../shared/schemas/portal-documents.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { formatCalendarDate, formatDateTime, formatTime } from '../../../common/dates.js';
import { sentence } from '../../../common/field-errors.js';
import { PageHeading } from '../../common/layout/PageHeading.js';
import { portalPaths } from '../../common/paths.js';
import { Link, useParams } from '../../common/router.js';
import { useSignedIn } from '../../common/session.js';
import { usePortalTitle } from '../../common/use-portal-title.js';
import { formatBytes } from '../../../common/messaging/attachment-rules.js';
import { pdfUrl, questionFileUrl, useOpenDocument, useSaveDraft, useSubmitDocument } from './documents.queries.js';
import type { FileQuestionTarget } from './FileQuestionField.js';
import { QuestionField } from './QuestionField.js';

/** How long typing pauses before the draft is saved. */
const saveAfterMs = 800;

/** One document: the form or consent to fill in and sign, or the completed record to download. */
export function DocumentPage() {
  const me = useSignedIn();
  const { slug } = me.practice;
  const documentId = useParams().documentId ?? '';
  const opened = useOpenDocument(slug, documentId);
  usePortalTitle(opened.data?.name ?? 'Document', me.practice.name);

  return (
    <Box maw={760} mx="auto" px="md" py={{ base: 'lg', sm: 40 }}>
      <Stack gap="lg">
        <Anchor component={Link} to={portalPaths.documents(slug)} size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden />
            All documents
          </Group>
        </Anchor>
        {opened.isPending ? <Loader aria-label="Opening the document" /> : null}
        {opened.error ? (
          <ErrorAlert
            error={opened.error}
            title={
              isApiError(opened.error) && opened.error.status === 404
                ? 'This document is not available'
                : 'The document could not be opened'
            }
          />
        ) : null}
        {opened.data ? (
          opened.data.status === 'completed' ? (
            <Completed slug={slug} document={opened.data} />
          ) : (
            <DocumentForm key={opened.data.id} slug={slug} document={opened.data} clientName={fullName(me.client)} />
          )
        ) : null}
      </Stack>
    </Box>
  );
}

function fullName(client: { firstName: string; lastName: string }): string {
  return `${client.firstName} ${client.lastName}`.trim();
}

function Heading({ document }: { document: PortalDocument }) {
  return (
    <Stack gap={4}>
      <PageHeading focusOnMount className="portal-break">
        {document.name}
      </PageHeading>
      {document.dueDate && document.status !== 'completed' ? (
        <Text c="dark.6">Due {formatCalendarDate(document.dueDate)}</Text>
      ) : null}
    </Stack>
  );
}

function Completed({ slug, document }: { slug: string; document: PortalDocument }) {
  const uploaded = questionsOf(document.content).flatMap((q) => {
    const answer = document.answers[q.id] as FileAnswer | null | undefined;
    return q.kind === 'file_upload' && answer ? [{ question: q.label, file: answer }] : [];
  });
  return (
    <Stack gap="lg">
      <Heading document={document} />
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <IconCircleCheck size={28} color="var(--mantine-color-green-8)" aria-hidden style={{ flexShrink: 0 }} />
            <Text className="portal-break" role="status">
              Completed{document.completedAt ? ` on ${formatDateTime(document.completedAt)}` : ''}. Your answers are
              locked and kept with your practice. You can download a copy.
            </Text>
          </Group>
          {uploaded.length > 0 ? (
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                Files you uploaded
              </Text>
              <List size="sm" spacing={4}>
                {uploaded.map(({ question, file }) => (
                  <List.Item key={file.fileId} className="portal-break">
                    {question}:{' '}
                    <Anchor href={questionFileUrl(slug, document.id, file.fileId)} download inherit>
                      {file.fileName}
                    </Anchor>{' '}
                    ({formatBytes(file.sizeBytes)})
                  </List.Item>
                ))}
              </List>
            </Stack>
          ) : null}
          <Group>
            <Button
              component="a"
              href={pdfUrl(slug, document.id)}
              download
              leftSection={<IconDownload size={18} aria-hidden />}
            >
              Download PDF
            </Button>
            <Button component={Link} to={portalPaths.documents(slug)} variant="default">
              Back to documents
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed' };

/**
 * The form: each answer is kept on the server as the client goes — after a short pause in typing
 * and at once on leaving a field — so they can resume on any device. Submitting sends every
 * answer; the server says which required answers or signatures are missing, shown by each.
 */
function DocumentForm({ slug, document, clientName }: { slug: string; document: PortalDocument; clientName: string }) {
  const [answers, setAnswers] = useState<Record<string, unknown>>(document.answers);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saveState, setSaveState] = useState<SaveState>(
    document.draftSavedAt ? { kind: 'saved', at: document.draftSavedAt } : { kind: 'idle' },
  );
  const save = useSaveDraft(slug, document.id);
  const submit = useSubmitDocument(slug, document.id);
  const latest = useRef(answers);
  const dirty = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const saving = useRef<Promise<unknown> | null>(null);
  const saveAsync = save.mutateAsync;
  const questions = questionsOf(document.content);
  // File questions save themselves as each file is uploaded (and the server keeps their answers).
  const fileQuestionIds = useRef(questions.filter((q) => q.kind === 'file_upload').map((q) => q.id));
  const [uploading, setUploading] = useState(0);

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    // One save at a time, in order: the last one always carries the newest answers.
    while (saving.current) await saving.current;
    if (!dirty.current) return;
    dirty.current = false;
    setSaveState({ kind: 'saving' });
    const request = saveAsync(withoutFiles(latest.current, fileQuestionIds.current)).then(
      (saved) => setSaveState({ kind: 'saved', at: saved.draftSavedAt }),
      () => {
        dirty.current = true;
        setSaveState({ kind: 'failed' });
      },
    );
    saving.current = request;
    await request;
    saving.current = null;
  }, [saveAsync]);

  // Leaving the page saves what is not saved yet.
  useEffect(
    () => () => {
      if (dirty.current) void flush();
    },
    [flush],
  );

  const change = (questionId: string, value: unknown) => {
    const next = { ...latest.current, [questionId]: value };
    latest.current = next;
    dirty.current = true;
    setAnswers(next);
    if (errors[questionId]) setErrors(({ [questionId]: _gone, ...rest }) => rest);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), saveAfterMs);
  };
  const commit = () => void flush();

  const files: FileQuestionTarget = {
    slug,
    documentId: document.id,
    onSaved: (saved) => {
      const next = { ...latest.current, [saved.questionId]: saved.answer };
      latest.current = next;
      setAnswers(next);
      setSaveState({ kind: 'saved', at: saved.draftSavedAt });
      if (errors[saved.questionId]) setErrors(({ [saved.questionId]: _gone, ...rest }) => rest);
    },
    onBusy: (busy) => setUploading((count) => count + (busy ? 1 : -1)),
  };

  const onSubmit = async (event: React.SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    await flush();
    try {
      await submit.mutateAsync(latest.current);
    } catch (error) {
      if (isApiError(error) && error.fields.length > 0) {
        const byQuestion: Record<string, string> = {};
        for (const f of error.fields) {
          const questionId = f.field.split('.')[1];
          if (questionId && !(questionId in byQuestion)) byQuestion[questionId] = f.message;
        }
        setErrors(byQuestion);
        // Take the client to the first question that needs them.
        window.setTimeout(() => {
          const first = window.document.querySelector<HTMLElement>(
            '[data-question-error] input, [data-question-error] textarea, [data-question-error] select, [data-question-error]',
          );
          first?.focus();
        }, 0);
      }
    }
  };

  const problems = Object.entries(errors);

  return (
    <Stack gap="lg">
      <Heading document={document} />
      {document.message ? (
        <Paper radius="md" p="md" bg="portico.0">
          <Text size="sm" fw={600}>
            A note from your practice
          </Text>
          <Text size="sm" className="portal-break" style={{ whiteSpace: 'pre-line' }}>
            {document.message}
          </Text>
        </Paper>
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Stack gap="xl">
          {document.consentHtml ? (
            <Paper
              withBorder
              radius="md"
              p={{ base: 'md', sm: 'lg' }}
              className="portal-break portal-consent"
              // Rendered from markdown and sanitised by the server (decision 032).
              dangerouslySetInnerHTML={{ __html: document.consentHtml }}
            />
          ) : null}
          {questions.map((q) => (
            <QuestionField
              key={q.id}
              question={q}
              value={answers[q.id]}
              onChange={(value) => change(q.id, value)}
              onCommit={commit}
              error={errors[q.id] ? sentence(stripLabel(errors[q.id], q.label)) : undefined}
              clientName={clientName}
              files={files}
            />
          ))}
          {problems.length > 0 ? (
            <Alert color="red" variant="light" title="Some answers are needed before you can submit" role="alert">
              <List size="sm">
                {problems.map(([questionId, message]) => (
                  <List.Item key={questionId}>{message}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          {submit.error && !(isApiError(submit.error) && submit.error.fields.length > 0) ? (
            <ErrorAlert error={submit.error} title="The document could not be submitted" />
          ) : null}
          <Group justify="space-between" gap="md" wrap="wrap-reverse">
            <Text size="sm" c={saveState.kind === 'failed' ? 'red.8' : 'dark.6'} aria-live="polite">
              {saveState.kind === 'saving'
                ? 'Saving…'
                : saveState.kind === 'saved'
                  ? `Draft saved at ${formatTime(saveState.at)}`
                  : saveState.kind === 'failed'
                    ? 'Your latest answers could not be saved yet. They stay on this page and are saved with your next change.'
                    : 'Your answers are saved as you go.'}
            </Text>
            <Button
              type="submit"
              size="md"
              loading={submit.isPending}
              disabled={uploading > 0}
              w={{ base: '100%', xs: 'auto' }}
            >
              Submit
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** The answers without those to file questions, which the draft is not where they are saved. */
function withoutFiles(answers: Record<string, unknown>, fileQuestionIds: readonly string[]): Record<string, unknown> {
  if (fileQuestionIds.length === 0) return answers;
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !fileQuestionIds.includes(id)));
}

/** "What brings you here?: is required" → "is required" beside the question, which shows its label already. */
function stripLabel(message: string | undefined, label: string): string | undefined {
  if (!message) return message;
  const prefix = `${label}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

import { Anchor, Button, FileButton, Fieldset, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconFileUpload, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useId, useRef, useState } from 'react';
import type { FileAnswer, Question } from '../../../../shared/schemas/document-templates.js';
import type { QuestionFileSaved } from '../../../../shared/schemas/portal-documents.js';
import { attachmentMaxBytes } from '../../../../shared/schemas/messages.js';
import { isApiError } from '../../../common/api.js';
import { attachmentAccept, formatBytes } from '../../../common/messaging/attachment-rules.js';
import { questionFileUrl, removeQuestionFile, uploadQuestionFile } from './documents.queries.js';
import { QuestionLegend } from './QuestionLegend.js';

/** Where a file question's file goes, and what the form hears of it. */
export interface FileQuestionTarget {
  slug: string;
  documentId: string;
  /** The server kept the file (or took it off): the question's answer and the draft's new time. */
  onSaved: (saved: QuestionFileSaved) => void;
  /** An upload started (true) or ended (false): the form waits for it before submitting. */
  onBusy: (busy: boolean) => void;
}

type Activity = { kind: 'idle' } | { kind: 'uploading'; name: string; fraction: number } | { kind: 'removing' };

/** What went wrong, in words: the server names what is wrong with the file (its type, its size). */
function problemOf(error: unknown, name: string): string {
  if (isApiError(error)) {
    const field = error.fields.find((f) => f.field === 'file');
    if (field) return `${name} ${field.message}.`;
    if (error.status === 409) return 'This document is completed: its files can no longer be changed.';
    return error.message;
  }
  return 'The file could not be sent. Please try again.';
}

/**
 * A file-upload question: a file picker (a button, so the keyboard reaches it) that sends the file
 * at once, saying how far the upload has gone; then the file's name and size, with **Replace** and
 * **Remove**. The server checks the file by its content (PDF, PNG, JPEG or HEIC, up to 10 MB); the
 * browser only stops what it can already see is too large or empty.
 */
export function FileQuestionField({
  question: q,
  value,
  error,
  target,
}: {
  question: Question;
  value: unknown;
  error?: string;
  target: FileQuestionTarget;
}) {
  const file = isFileAnswer(value) ? value : null;
  const [activity, setActivity] = useState<Activity>({ kind: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);
  const resetPicker = useRef<() => void>(null);
  const hintId = useId();
  const busy = activity.kind !== 'idle';

  const choose = async (chosen: File | null) => {
    resetPicker.current?.();
    if (!chosen) return;
    if (chosen.size > attachmentMaxBytes) return setProblem(`${chosen.name} is larger than 10 MB.`);
    if (chosen.size === 0) return setProblem(`${chosen.name} is empty.`);
    setProblem(null);
    setActivity({ kind: 'uploading', name: chosen.name, fraction: 0 });
    target.onBusy(true);
    try {
      const saved = await uploadQuestionFile(target.slug, target.documentId, q.id, chosen, (fraction) =>
        setActivity({ kind: 'uploading', name: chosen.name, fraction }),
      );
      target.onSaved(saved);
    } catch (failure) {
      setProblem(problemOf(failure, chosen.name));
    } finally {
      setActivity({ kind: 'idle' });
      target.onBusy(false);
    }
  };

  const remove = async () => {
    setProblem(null);
    setActivity({ kind: 'removing' });
    try {
      target.onSaved(await removeQuestionFile(target.slug, target.documentId, q.id));
    } catch (failure) {
      setProblem(problemOf(failure, file?.fileName ?? 'The file'));
    } finally {
      setActivity({ kind: 'idle' });
    }
  };

  const picker = (label: string, variant: 'filled' | 'default') => (
    <FileButton onChange={(chosen) => void choose(chosen)} accept={attachmentAccept} resetRef={resetPicker}>
      {(props) => (
        <Button
          {...props}
          variant={variant}
          leftSection={<IconFileUpload size={18} aria-hidden />}
          disabled={busy}
          aria-describedby={hintId}
        >
          {label}
        </Button>
      )}
    </FileButton>
  );

  const percent = activity.kind === 'uploading' ? Math.round(activity.fraction * 100) : 0;

  return (
    <Fieldset
      legend={<QuestionLegend label={q.label} required={q.required} />}
      radius="md"
      data-question-error={error ? true : undefined}
    >
      <Stack gap="sm">
        {q.help ? (
          <Text size="sm" c="dark.6" className="portal-break">
            {q.help}
          </Text>
        ) : null}
        <Text size="sm" c="dark.6" id={hintId}>
          PDF, PNG, JPEG or HEIC, up to 10 MB.{q.required ? ' Required.' : ''}
        </Text>
        {file ? (
          <Paper withBorder radius="md" p="sm">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <IconPaperclip size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
              <Stack gap={2} miw={0} style={{ flex: 1 }}>
                <Anchor
                  href={questionFileUrl(target.slug, target.documentId, file.fileId)}
                  download
                  fw={600}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {file.fileName}
                </Anchor>
                <Text size="sm" c="dark.6">
                  {formatBytes(file.sizeBytes)} · uploaded
                </Text>
              </Stack>
            </Group>
            <Group gap="sm" mt="sm">
              {picker('Replace', 'default')}
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={18} aria-hidden />}
                onClick={() => void remove()}
                loading={activity.kind === 'removing'}
                disabled={busy}
                aria-label={`Remove ${file.fileName}`}
              >
                Remove
              </Button>
            </Group>
          </Paper>
        ) : (
          <Group>{picker('Choose a file', 'default')}</Group>
        )}
        {activity.kind === 'uploading' ? (
          <Stack gap={4}>
            <Text size="sm" role="status" className="portal-break">
              Uploading {activity.name}… {percent}%
            </Text>
            <Progress value={percent} aria-label={`Uploading ${activity.name}`} animated />
          </Stack>
        ) : null}
        {problem ? (
          <Text c="red.8" size="sm" role="alert" className="portal-break">
            {problem}
          </Text>
        ) : null}
        {error ? (
          <Text c="red.8" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
    </Fieldset>
  );
}

function isFileAnswer(value: unknown): value is FileAnswer {
  return typeof value === 'object' && value !== null && 'fileId' in value && 'fileName' in value;
}

import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type {
  QuestionInput,
  QuestionKind,
  TemplateContentInput,
} from '../../../../shared/schemas/document-templates.js';
import type { TemplateDetail } from '../../../../shared/schemas/documents.js';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { SettingsFrame } from '../settings/index.js';
import { usePreviewMarkdown, useSaveTemplate, useSetArchived, useTemplate } from './documents.queries.js';
import { kindOptions, QuestionEditor, withKind } from './QuestionEditor.js';

const newQuestionId = () => `q-${crypto.randomUUID().slice(0, 8)}`;

const blankForm: TemplateContentInput = {
  kind: 'form',
  questions: [{ id: newQuestionId(), kind: 'short_text', label: '', required: true }],
};
const blankConsent: TemplateContentInput = {
  kind: 'consent',
  body: '',
  acknowledgement: 'I have read this document and agree to it.',
};

function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  return Object.fromEntries(error.fields.map((f) => [f.field, f.message]));
}

/** Settings → Documents → a template: the form builder or the consent editor, versions and archiving. */
export function TemplateEditorPage() {
  const { id } = useParams();
  const isNew = id === undefined || id === 'new';
  const template = useTemplate(isNew ? undefined : id);
  if (!isNew && !template.data) {
    return (
      <SettingsFrame title="Documents" description="Edit a template.">
        {template.error ? (
          <ErrorAlert error={template.error} title="Could not load the template" />
        ) : (
          <Group justify="center" py={32}>
            <Loader aria-label="Loading the template" />
          </Group>
        )}
      </SettingsFrame>
    );
  }
  return <TemplateEditor key={template.data?.versionId ?? 'new'} template={template.data ?? null} />;
}

function TemplateEditor({ template }: { template: TemplateDetail | null }) {
  const navigate = useNavigate();
  const [name, setName] = useState(template?.name ?? '');
  const [content, setContent] = useState<TemplateContentInput>(template?.content ?? blankForm);
  const [addKind, setAddKind] = useState<QuestionKind>('short_text');
  const save = useSaveTemplate(template?.id);
  const archive = useSetArchived(template?.id ?? '');
  const preview = usePreviewMarkdown();
  const errors = fieldErrors(save.error);
  const archived = template?.archivedAt != null;

  const setQuestions = (questions: QuestionInput[]) => setContent({ kind: 'form', questions });
  const questions = content.kind === 'form' ? content.questions : [];

  const onSave = () =>
    save.mutate(
      { name, content },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'portico',
            title: template ? `Saved as version ${saved.version}` : 'Template created',
            message: template ? 'Documents already shared keep the version they were shared with.' : saved.name,
          });
          if (!template) void navigate(`/settings/documents/${saved.id}`, { replace: true });
        },
      },
    );

  return (
    <SettingsFrame
      title={template ? template.name : 'New template'}
      description={
        template
          ? `Version ${template.version}. Saving changes makes version ${template.version + 1}; documents already shared keep theirs.`
          : 'A form of questions, or a consent your clients read and sign.'
      }
    >
      <Group gap="xs">
        <Button component={Link} to="/settings/documents" variant="subtle" size="compact-sm">
          ← All templates
        </Button>
        {template?.starter ? (
          <Badge variant="light" color="gray">
            Starter template: edit it as your own
          </Badge>
        ) : null}
        {archived ? <Badge color="gray">Archived</Badge> : null}
      </Group>
      {archived ? (
        <Alert color="gray" variant="light" title="This template is archived">
          It cannot be shared or edited. Restore it to use it again.
        </Alert>
      ) : null}
      <Stack gap="md" component="form" onSubmit={(e) => (e.preventDefault(), onSave())}>
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          disabled={archived}
        />
        {template ? null : (
          <SegmentedControl
            aria-label="Kind of template"
            value={content.kind}
            onChange={(kind) => setContent(kind === 'consent' ? blankConsent : blankForm)}
            data={[
              { value: 'form', label: 'Form' },
              { value: 'consent', label: 'Consent' },
            ]}
          />
        )}
        {content.kind === 'consent' ? (
          <Stack gap="sm">
            <Textarea
              label="Consent text"
              description="Markdown: # for headings, **bold**, *italic*, - for lists, [text](https://…) for links."
              autosize
              minRows={10}
              maxRows={30}
              value={content.body}
              onChange={(e) => setContent({ ...content, body: e.currentTarget.value })}
              error={errors['content.body']}
              disabled={archived}
              styles={{ input: { fontFamily: 'ui-monospace, monospace', fontSize: 13 } }}
            />
            <TextInput
              label="What the client agrees to by signing"
              value={content.acknowledgement}
              onChange={(e) => setContent({ ...content, acknowledgement: e.currentTarget.value })}
              error={errors['content.acknowledgement']}
              disabled={archived}
            />
            <Group>
              <Button variant="default" onClick={() => preview.mutate(content.body)} loading={preview.isPending}>
                Preview
              </Button>
            </Group>
            <ErrorAlert error={preview.error} title="Could not preview" />
            {preview.data ? (
              <Paper withBorder radius="md" p="md" aria-label="Preview">
                <Title order={2} size="h5" mb="xs" c="dimmed">
                  Preview: what the client reads
                </Title>
                {/* Sanitised on the server (marked + sanitize-html): only formatting survives. */}
                <Box className="consent-preview" dangerouslySetInnerHTML={{ __html: preview.data.html }} />
              </Paper>
            ) : null}
          </Stack>
        ) : (
          <Stack gap="sm">
            {errors['content.questions'] ? (
              <Text c="red.8" size="sm" role="alert">
                Questions {errors['content.questions']}
              </Text>
            ) : null}
            {questions.map((question, index) => (
              <QuestionEditor
                key={question.id}
                question={question}
                index={index}
                count={questions.length}
                errors={errors}
                onChange={(changed) => setQuestions(questions.map((q, i) => (i === index ? changed : q)))}
                onMove={(by) => {
                  const next = [...questions];
                  const [moved] = next.splice(index, 1);
                  if (moved) next.splice(index + by, 0, moved);
                  setQuestions(next);
                }}
                onRemove={() => setQuestions(questions.filter((_, i) => i !== index))}
              />
            ))}
            {archived ? null : (
              <Group gap="sm" align="flex-end" wrap="wrap">
                <Select
                  label="New question"
                  data={kindOptions}
                  value={addKind}
                  allowDeselect={false}
                  onChange={(value) => value && setAddKind(value)}
                  w={240}
                />
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() =>
                    setQuestions([
                      ...questions,
                      withKind({ id: newQuestionId(), kind: 'short_text', label: '', required: false }, addKind),
                    ])
                  }
                >
                  Add question
                </Button>
              </Group>
            )}
          </Stack>
        )}
        <ErrorAlert error={save.error} title="Could not save the template" hideWhenOnlyFields />
        {save.error && isApiError(save.error) && save.error.fields.length > 0 ? (
          <Text c="red.8" size="sm" role="alert">
            Some fields need attention: {save.error.fields.map((f) => `${f.field} ${f.message}`).join('; ')}
          </Text>
        ) : null}
        <Group justify="space-between" wrap="wrap">
          <Button type="submit" loading={save.isPending} disabled={archived}>
            {template ? 'Save as new version' : 'Create template'}
          </Button>
          {template ? (
            <Button
              variant="default"
              color={archived ? undefined : 'red'}
              loading={archive.isPending}
              onClick={() => archive.mutate(!archived)}
            >
              {archived ? 'Restore' : 'Archive'}
            </Button>
          ) : null}
        </Group>
        {template ? (
          <Text size="sm" c="dimmed">
            Versions: {template.versions.map((v) => `${v.version}${v.createdBy ? ` (${v.createdBy})` : ''}`).join(', ')}
          </Text>
        ) : null}
      </Stack>
    </SettingsFrame>
  );
}

import { ActionIcon, Alert, Button, Group, Kbd, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertCircle, IconFileTypePdf, IconPaperclip, IconPhoto, IconSend, IconX } from '@tabler/icons-react';
import { useId, useRef, useState, type ChangeEvent, type KeyboardEvent, type SubmitEvent } from 'react';
import { messageBodyMax } from '../../../../shared/schemas/messages.js';
import { isApiError } from '../../../common/api.js';
import { errorMessage } from '../../../common/ErrorAlert.js';
import { attachmentAccept, attachmentHint, attachmentProblem, formatBytes } from '../../../common/messaging/attachment-rules.js';
import { fieldErrorsOf, sentence } from '../../../common/field-errors.js';
import { useSendMessage } from './messages.queries.js';

interface ComposerProps {
  slug: string;
  practiceName: string;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test(navigator.userAgent);

/**
 * Writing to the practice: the text (Enter makes a new line, Ctrl/Cmd+Enter sends), up to five
 * files, and Send. The browser checks what it can before uploading; the server's answers about a
 * field appear under that field.
 */
export function Composer({ slug, practiceName }: ComposerProps) {
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [bodyProblem, setBodyProblem] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const filesErrorId = useId();

  const send = useSendMessage(slug);

  const serverFields = fieldErrorsOf(send.error);
  const bodyError = bodyProblem ?? sentence(serverFields.body);
  const fileErrors = files.map((_file, index) => sentence(serverFields[`attachments.${index}`]));
  const attachmentsError = fileProblem ?? sentence(serverFields.attachments);
  // A refusal that names its fields (400, or 413 for a file) is shown under those fields only.
  const onlyFieldErrors = isApiError(send.error) && send.error.fields.length > 0;
  const generalError = send.error && !onlyFieldErrors ? send.error : null;

  const submit = () => {
    if (send.isPending) return;
    const text = body.trim();
    if (!text && files.length === 0) {
      setBodyProblem('Write a message or attach a file.');
      textRef.current?.focus();
      return;
    }
    if (body.length > messageBodyMax) {
      setBodyProblem(`Messages can be at most ${messageBodyMax.toLocaleString()} characters.`);
      textRef.current?.focus();
      return;
    }
    setBodyProblem(null);
    send.mutate(
      { body: text, files },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
          setFileProblem(null);
          textRef.current?.focus();
        },
      },
    );
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const onChooseFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const chosen = [...files];
    const problems: string[] = [];
    for (const file of Array.from(input.files ?? [])) {
      const problem = attachmentProblem(file, chosen.length);
      if (problem) problems.push(problem);
      else chosen.push(file);
    }
    // Choosing the same file again after removing it must fire another change.
    input.value = '';
    setFiles(chosen);
    setFileProblem(problems.length > 0 ? [...new Set(problems)].join(' ') : null);
    if (send.error) send.reset();
  };

  const removeFile = (index: number) => {
    setFiles((current) => current.filter((_file, i) => i !== index));
    setFileProblem(null);
    if (send.error) send.reset();
  };

  const nearLimit = body.length > messageBodyMax * 0.9;

  return (
    <form className="portal-composer" onSubmit={onSubmit} noValidate aria-label={`Write to ${practiceName}`}>
      <Stack gap="xs">
        {generalError ? (
          <Alert
            color="red"
            variant="light"
            title="Your message was not sent"
            icon={<IconAlertCircle aria-hidden />}
            role="alert"
            py="xs"
          >
            {errorMessage(generalError)}
          </Alert>
        ) : null}
        <Textarea
          ref={textRef}
          label="Message"
          labelProps={{ className: 'portal-sr-only' }}
          placeholder={`Write to ${practiceName}…`}
          autosize
          minRows={2}
          maxRows={6}
          size="md"
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            if (bodyProblem) setBodyProblem(null);
          }}
          onKeyDown={onKeyDown}
          error={bodyError}
          description={nearLimit ? `${body.length.toLocaleString()} of ${messageBodyMax.toLocaleString()} characters` : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        {files.length > 0 ? (
          <ul className="portal-chosen-files" aria-label="Files to send">
            {files.map((file, index) => (
              <li
                key={`${file.name}-${file.size}-${file.lastModified}-${index}`}
                data-error={fileErrors[index] ? true : undefined}
              >
                <Group gap="xs" wrap="nowrap" miw={0}>
                  {file.type === 'application/pdf' ? (
                    <IconFileTypePdf size={20} stroke={1.6} aria-hidden className="portal-file-icon" />
                  ) : (
                    <IconPhoto size={20} stroke={1.6} aria-hidden className="portal-file-icon" />
                  )}
                  <Stack gap={0} miw={0} style={{ flex: 1 }}>
                    <Text size="sm" fw={600} truncate="end">
                      <bdi>{file.name}</bdi>
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatBytes(file.size)}
                    </Text>
                    {fileErrors[index] ? (
                      <Text size="xs" c="red.9" fw={600} role="alert" id={`${filesErrorId}-${index}`}>
                        {fileErrors[index]}
                      </Text>
                    ) : null}
                  </Stack>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size={40}
                    radius="md"
                    aria-label={`Remove ${file.name}`}
                    aria-describedby={fileErrors[index] ? `${filesErrorId}-${index}` : undefined}
                    onClick={() => removeFile(index)}
                  >
                    <IconX size={18} aria-hidden />
                  </ActionIcon>
                </Group>
              </li>
            ))}
          </ul>
        ) : null}
        {attachmentsError ? (
          <Text size="sm" c="red.9" fw={600} role="alert" id={filesErrorId}>
            {attachmentsError}
          </Text>
        ) : null}
        <Group justify="space-between" gap="sm" wrap="nowrap">
          <Button
            variant="default"
            size="md"
            leftSection={<IconPaperclip size={18} aria-hidden />}
            onClick={() => fileInputRef.current?.click()}
            aria-describedby={attachmentsError ? `${filesErrorId} ${hintId}-files` : `${hintId}-files`}
          >
            Attach files
          </Button>
          <Group gap="sm" wrap="nowrap">
            <Text size="xs" c="dimmed" visibleFrom="sm" id={hintId}>
              <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd> + <Kbd size="xs">Enter</Kbd> to send
            </Text>
            <Button
              type="submit"
              size="md"
              loading={send.isPending}
              aria-keyshortcuts="Control+Enter Meta+Enter"
              rightSection={<IconSend size={18} aria-hidden />}
            >
              Send
            </Button>
          </Group>
        </Group>
        <Text size="xs" c="dimmed" id={`${hintId}-files`}>
          {attachmentHint}
        </Text>
      </Stack>
      <input
        ref={fileInputRef}
        type="file"
        multiple
        accept={attachmentAccept}
        hidden
        tabIndex={-1}
        aria-label="Attach files"
        onChange={onChooseFiles}
      />
    </form>
  );
}

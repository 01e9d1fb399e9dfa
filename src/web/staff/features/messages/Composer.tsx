import { Button, FileButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconLink, IconPaperclip, IconSend } from '@tabler/icons-react';
import { useRef, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { attachmentMaxCount, messageBodyMax } from '../../../../shared/schemas/messages.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence } from '../../../common/field-errors.js';
import { attachmentAccept, attachmentHint, attachmentProblem } from '../../../common/messaging/attachment-rules.js';
import { ChosenFiles } from './ChosenFiles.js';
import { useSendMessage } from './messages.queries.js';

interface ComposerProps {
  clientId: string;
  clientName: string;
  portalUrl: string;
  onSent: () => void;
}

/** The count appears once the message gets this close to the limit. */
const COUNT_FROM = messageBodyMax - 1000;

export function portalLinkSentence(portalUrl: string): string {
  return `You can sign in to the Client Portal here: ${portalUrl}`;
}

/** Inserts text at the selection, with a space on either side where it would touch a word. */
function insertAt(value: string, start: number, end: number, text: string): { value: string; caret: number } {
  const before = value.slice(0, start);
  const after = value.slice(end);
  const inserted = `${before === '' || /\s$/.test(before) ? '' : ' '}${text}${after === '' || /^\s/.test(after) ? '' : ' '}`;
  return { value: before + inserted + after, caret: before.length + inserted.length };
}

/** Write a message: text, up to five files, the portal address; Ctrl/Cmd+Enter sends. */
export function Composer({ clientId, clientName, portalUrl, onSent }: ComposerProps) {
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [emptyError, setEmptyError] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const attachButton = useRef<HTMLButtonElement>(null);
  const resetFileInput = useRef<() => void>(null);
  const send = useSendMessage(clientId);
  const errors = fieldErrorsOf(send.error);

  const fileErrors: Record<number, string | undefined> = {};
  for (const [field, message] of Object.entries(errors)) {
    const match = /^attachments\.(\d+)/.exec(field);
    if (match) fileErrors[Number(match[1])] = message;
  }
  const bodyError = emptyError ? 'Write a message or attach a file.' : sentence(errors.body);

  const clearServerError = () => {
    if (send.error) send.reset();
  };

  const addFiles = (chosen: File[]) => {
    const found: string[] = [];
    const next = [...files];
    for (const file of chosen) {
      const problem = attachmentProblem(file, next.length);
      if (problem) found.push(problem);
      else next.push(file);
    }
    setFiles(next);
    setProblems([...new Set(found)]);
    setEmptyError(false);
    clearServerError();
    resetFileInput.current?.();
  };

  const removeFile = (index: number) => {
    setFiles((current) => current.filter((_, i) => i !== index));
    setProblems([]);
    clearServerError();
    // After the re-render: the button may have been disabled while five files were chosen.
    requestAnimationFrame(() => attachButton.current?.focus());
  };

  const insertPortalLink = () => {
    const element = textarea.current;
    const start = element?.selectionStart ?? body.length;
    const end = element?.selectionEnd ?? body.length;
    const result = insertAt(body, start, end, portalLinkSentence(portalUrl));
    setBody(result.value.slice(0, messageBodyMax));
    setEmptyError(false);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(result.caret, result.caret);
    });
  };

  const submit = () => {
    if (send.isPending) return;
    if (body.trim() === '' && files.length === 0) {
      setEmptyError(true);
      textarea.current?.focus();
      return;
    }
    send.mutate(
      { body, files },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
          setProblems([]);
          onSent();
          textarea.current?.focus();
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

  const nearLimit = body.length >= COUNT_FROM;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Write to ${clientName}`}>
      <Stack gap="sm">
        <ErrorAlert error={send.error} title="The message was not sent" hideWhenOnlyFields />
        <Textarea
          ref={textarea}
          label="Message"
          description={
            nearLimit
              ? `${body.length.toLocaleString('en-US')} / ${messageBodyMax.toLocaleString('en-US')} characters`
              : 'Enter adds a new line; Ctrl+Enter (⌘+Enter on a Mac) sends.'
          }
          autosize
          minRows={3}
          maxRows={10}
          maxLength={messageBodyMax}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            setEmptyError(false);
            clearServerError();
          }}
          onKeyDown={onKeyDown}
          error={bodyError}
        />
        <ChosenFiles files={files} errors={fileErrors} onRemove={removeFile} />
        {problems.length > 0 || errors.attachments ? (
          <Stack gap={2} role="alert">
            {[...problems, ...(errors.attachments ? [sentence(errors.attachments) ?? ''] : [])].map((problem) => (
              <Text key={problem} size="sm" c="red.8">
                {problem}
              </Text>
            ))}
          </Stack>
        ) : null}
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="xs" wrap="wrap">
            <FileButton onChange={addFiles} accept={attachmentAccept} multiple resetRef={resetFileInput}>
              {(props) => (
                <Button
                  {...props}
                  ref={attachButton}
                  variant="default"
                  px={12}
                  leftSection={<IconPaperclip size={16} aria-hidden />}
                  disabled={files.length >= attachmentMaxCount}
                >
                  Attach files
                </Button>
              )}
            </FileButton>
            <Button variant="default" px={12} leftSection={<IconLink size={16} aria-hidden />} onClick={insertPortalLink}>
              Send portal link
            </Button>
          </Group>
          <Button type="submit" ml="auto" loading={send.isPending} leftSection={<IconSend size={16} aria-hidden />} miw={110}>
            Send
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {attachmentHint}
        </Text>
      </Stack>
    </form>
  );
}

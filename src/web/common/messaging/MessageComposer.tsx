import { ActionIcon, Button, Group, Kbd, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconPaperclip, IconSend, IconTrash } from '@tabler/icons-react';
import {
  createContext,
  useContext,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  type SubmitEvent,
} from 'react';
import { attachmentMaxCount, messageBodyMax } from '../../../shared/schemas/messages.js';
import { isApiError } from '../api.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { fieldErrorsOf, sentence } from '../field-errors.js';
import { attachmentAccept, attachmentHint, attachmentProblem } from './attachment-rules.js';
import { ChosenFiles } from './ChosenFiles.js';
import type { KeptDraft } from './kept-draft.js';
import type { MessageDraft } from './message-draft.js';

/** What the composer needs of an area's send mutation (the staff's or the portal's useSendMessage). */
export interface SendMessage {
  mutate: (draft: MessageDraft, options?: { onSuccess?: () => void }) => void;
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

export interface MessageComposerProps {
  send: SendMessage;
  /** Who reads the message: the form is named "Write to …" after them. */
  recipientName: string;
  /** The conversation the draft belongs to: another key starts an empty draft. */
  draftKey: string;
  /**
   * Where the text is kept in this browser until it is sent or discarded (see kept-draft.ts); with
   * it, the composer restores the text on opening and offers Discard.
   */
  keep?: KeptDraft;
  labels: {
    /** The alert's title when the server refused or could not be reached. */
    notSent: string;
  };
  /**
   * `panel` (the staff app): a labelled box with the keyboard hint under it. `chat` (the portal,
   * phones first): the label for screen readers only, a placeholder, larger controls and the
   * keyboard hint beside Send.
   */
  variant?: 'panel' | 'chat';
  /** More buttons beside Attach files; they can put text at the cursor with useInsertIntoMessage(). */
  tools?: ReactNode;
  /** After a message was sent (the draft is empty again). */
  onSent?: () => void;
  className?: string;
}

/** The count appears once the message gets this close to the limit. */
const COUNT_FROM = messageBodyMax - 1000;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test(navigator.userAgent);

const srOnly: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  border: 0,
};

const InsertContext = createContext<((text: string) => void) | null>(null);

/** For a composer's tools: puts text into the message at the cursor (with spaces where it would touch a word). */
export function useInsertIntoMessage(): (text: string) => void {
  const insert = useContext(InsertContext);
  if (!insert) throw new Error('useInsertIntoMessage() used outside a MessageComposer');
  return insert;
}

/** Inserts text at the selection, with a space on either side where it would touch a word. */
function insertAt(value: string, start: number, end: number, text: string): { value: string; caret: number } {
  const before = value.slice(0, start);
  const after = value.slice(end);
  const inserted = `${before === '' || /\s$/.test(before) ? '' : ' '}${text}${after === '' || /^\s/.test(after) ? '' : ' '}`;
  return { value: before + inserted + after, caret: before.length + inserted.length };
}

/**
 * Writing a message, for the practice and for the client alike: the text (Enter makes a new line,
 * Ctrl/Cmd+Enter sends), up to five files, and Send. The browser checks what it can before
 * uploading; the server's answers about a field appear under that field (a file's under that file),
 * any other refusal in an alert above.
 */
export function MessageComposer(props: MessageComposerProps) {
  return <Draft key={props.draftKey} {...props} />;
}

function Draft({
  send,
  recipientName,
  labels,
  variant = 'panel',
  tools,
  onSent,
  className,
  keep,
}: MessageComposerProps) {
  const [body, setBodyState] = useState(() => keep?.load() ?? '');
  const setBody = (text: string) => {
    setBodyState(text);
    keep?.save(text);
  };
  const [files, setFiles] = useState<File[]>([]);
  const [bodyProblem, setBodyProblem] = useState<string | null>(null);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const attachButton = useRef<HTMLButtonElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const problemsId = useId();
  const chat = variant === 'chat';

  const serverFields = fieldErrorsOf(send.error);
  const fileErrors: Record<number, string | undefined> = {};
  for (const [field, message] of Object.entries(serverFields)) {
    const match = /^attachments\.(\d+)/.exec(field);
    if (match) fileErrors[Number(match[1])] = message;
  }
  const bodyError = bodyProblem ?? sentence(serverFields.body);
  const problems = [...fileProblems, ...(serverFields.attachments ? [sentence(serverFields.attachments) ?? ''] : [])];
  // A refusal that names its fields (400, or 413 for a file) is shown under those fields only.
  const onlyFieldErrors = isApiError(send.error) && send.error.fields.length > 0;

  const clearServerError = () => {
    if (send.error) send.reset();
  };

  const addFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const next = [...files];
    const found: string[] = [];
    for (const file of Array.from(input.files ?? [])) {
      const problem = attachmentProblem(file, next.length);
      if (problem) found.push(problem);
      else next.push(file);
    }
    // Choosing the same file again after removing it must fire another change.
    input.value = '';
    setFiles(next);
    setFileProblems([...new Set(found)]);
    setBodyProblem(null);
    clearServerError();
  };

  const removeFile = (index: number) => {
    setFiles((current) => current.filter((_, i) => i !== index));
    setFileProblems([]);
    clearServerError();
    // After the re-render: the button may have been disabled while five files were chosen.
    requestAnimationFrame(() => attachButton.current?.focus());
  };

  const insert = (text: string) => {
    const element = textarea.current;
    const start = element?.selectionStart ?? body.length;
    const end = element?.selectionEnd ?? body.length;
    const result = insertAt(body, start, end, text);
    setBody(result.value.slice(0, messageBodyMax));
    setBodyProblem(null);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(result.caret, result.caret);
    });
  };

  const submit = () => {
    if (send.isPending) return;
    if (body.trim() === '' && files.length === 0) {
      setBodyProblem('Write a message or attach a file.');
      textarea.current?.focus();
      return;
    }
    if (body.length > messageBodyMax) {
      setBodyProblem(`Messages can be at most ${messageBodyMax.toLocaleString('en-US')} characters.`);
      textarea.current?.focus();
      return;
    }
    setBodyProblem(null);
    send.mutate(
      { body, files },
      {
        onSuccess: () => {
          setBody('');
          keep?.clear();
          setFiles([]);
          setFileProblems([]);
          onSent?.();
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

  const discard = () => {
    setBody('');
    keep?.clear();
    setFiles([]);
    setFileProblems([]);
    setBodyProblem(null);
    clearServerError();
    textarea.current?.focus();
  };

  const count =
    body.length >= COUNT_FROM
      ? `${body.length.toLocaleString('en-US')} / ${messageBodyMax.toLocaleString('en-US')} characters`
      : undefined;
  const size = chat ? 'md' : 'sm';
  const iconSize = chat ? 18 : 16;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Write to ${recipientName}`} className={className}>
      <Stack gap={chat ? 'xs' : 'sm'}>
        <ErrorAlert error={onlyFieldErrors ? null : send.error} title={labels.notSent} />
        <Textarea
          ref={textarea}
          label="Message"
          labelProps={chat ? { style: srOnly } : undefined}
          placeholder={chat ? `Write to ${recipientName}…` : undefined}
          description={chat ? count : (count ?? 'Enter adds a new line; Ctrl+Enter (⌘+Enter on a Mac) sends.')}
          inputWrapperOrder={chat ? ['label', 'input', 'description', 'error'] : undefined}
          size={size}
          autosize
          minRows={chat ? 2 : 3}
          maxRows={chat ? 6 : 10}
          maxLength={messageBodyMax}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            setBodyProblem(null);
            clearServerError();
          }}
          onKeyDown={onKeyDown}
          error={bodyError}
        />
        <ChosenFiles files={files} errors={fileErrors} onRemove={removeFile} large={chat} />
        {problems.length > 0 ? (
          <Stack gap={2} role="alert" id={problemsId}>
            {problems.map((problem) => (
              <Text key={problem} size="sm" c="red.9" fw={chat ? 600 : undefined}>
                {problem}
              </Text>
            ))}
          </Stack>
        ) : null}
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="xs" wrap="wrap">
            <Button
              ref={attachButton}
              variant="default"
              size={size}
              px={chat ? undefined : 12}
              leftSection={<IconPaperclip size={iconSize} aria-hidden />}
              disabled={files.length >= attachmentMaxCount}
              onClick={() => fileInput.current?.click()}
              aria-describedby={problems.length > 0 ? `${problemsId} ${hintId}` : hintId}
            >
              Attach files
            </Button>
            <InsertContext value={insert}>{tools}</InsertContext>
          </Group>
          <Group gap="sm" wrap="nowrap" ml="auto">
            {keep && (body !== '' || files.length > 0) ? (
              <>
                <Button
                  variant="subtle"
                  color="gray"
                  size={size}
                  px="xs"
                  onClick={discard}
                  disabled={send.isPending}
                  visibleFrom={chat ? 'xs' : undefined}
                >
                  Discard
                </Button>
                {chat ? (
                  // A phone has room for Attach files and Send only: Discard as an icon there.
                  <Tooltip label="Discard" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size={42}
                      onClick={discard}
                      disabled={send.isPending}
                      aria-label="Discard"
                      hiddenFrom="xs"
                    >
                      <IconTrash size={iconSize} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                ) : null}
              </>
            ) : null}
            {chat ? (
              <Text size="xs" c="dimmed" visibleFrom="sm">
                <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd> + <Kbd size="xs">Enter</Kbd> to send
              </Text>
            ) : null}
            <Button
              type="submit"
              size={size}
              miw={chat ? undefined : 110}
              loading={send.isPending}
              aria-keyshortcuts="Control+Enter Meta+Enter"
              leftSection={chat ? undefined : <IconSend size={iconSize} aria-hidden />}
              rightSection={chat ? <IconSend size={iconSize} aria-hidden /> : undefined}
            >
              Send
            </Button>
          </Group>
        </Group>
        <Text size="xs" c="dimmed" id={hintId}>
          {attachmentHint}
        </Text>
      </Stack>
      <input
        ref={fileInput}
        type="file"
        multiple
        accept={attachmentAccept}
        hidden
        tabIndex={-1}
        aria-label="Attach files"
        onChange={addFiles}
      />
    </form>
  );
}

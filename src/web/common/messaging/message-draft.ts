/** A message being written: its text and the files to attach (up to five). */
export interface MessageDraft {
  body: string;
  files: readonly File[];
}

/**
 * The multipart body of a send-message request, as both the staff and the portal endpoint read it:
 * the `body` text first (the server reads the parts in order), then each file as `attachments`.
 */
export function messageForm(draft: MessageDraft): FormData {
  const form = new FormData();
  form.append('body', draft.body);
  for (const file of draft.files) form.append('attachments', file, file.name);
  return form;
}

import { attachmentMaxBytes, attachmentMaxCount } from '../../../shared/schemas/messages.js';

/** What the file picker offers; the server decides from the content, this only guides the choice. */
export const attachmentAccept = 'application/pdf,image/png,image/jpeg,image/heic,image/heif,.pdf,.png,.jpg,.jpeg,.heic';

export const attachmentHint = `PDF, PNG, JPEG or HEIC, up to ${attachmentMaxBytes / 1024 / 1024} MB each, ${attachmentMaxCount} files at most.`;

/** A problem the browser can see before uploading (the server checks again, from the content). */
export function attachmentProblem(file: File, alreadyChosen: number): string | null {
  if (alreadyChosen >= attachmentMaxCount) return `You can attach at most ${attachmentMaxCount} files.`;
  if (file.size > attachmentMaxBytes) return `${file.name} is larger than 10 MB.`;
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

import { z } from 'zod';

/** One email of the development Mailbox, as its list shows it. */
export const mailSummary = z.strictObject({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  kind: z.string(),
  status: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type MailSummary = z.infer<typeof mailSummary>;

export const mailList = z.strictObject({ items: z.array(mailSummary) });
export type MailList = z.infer<typeof mailList>;

/** One email whole: headers, HTML and text. */
export const mailDetail = z.strictObject({
  id: z.string(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  kind: z.string(),
  status: z.string(),
  messageId: z.string(),
  html: z.string(),
  text: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
});
export type MailDetail = z.infer<typeof mailDetail>;

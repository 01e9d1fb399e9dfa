import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  /** The sender's display name, decoded. */
  fromName: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
  /** The name the sender gave in EHLO (nodemailer's `name`, settable as `?name=` in SMTP_URL). */
  helo: string;
  /** Attached files (an appointment's .ics), their content as text. */
  attachments: { filename: string; contentType: string; content: string }[];
}

type Failure = { code: number; message: string } | null;

export interface SmtpSinkOptions {
  /**
   * Milliseconds between taking a message (it is kept from then on) and answering 250, as a busy
   * server would: a sender that dies in that window never learns the message arrived.
   */
  acceptDelayMs?: () => number;
}

const smtpError = (failure: NonNullable<Failure>) =>
  Object.assign(new Error(failure.message), { responseCode: failure.code });

/**
 * A real SMTP server on loopback that keeps what it receives, as a client's mailbox would.
 * `failWith` makes it refuse messages (4xx to test retries, 5xx to test permanent failure);
 * `refuseConnectionsWith` answers the greeting with an error instead (421: too busy), and
 * `refuseRecipients` refuses chosen addresses at RCPT TO.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private failure: Failure = null;
  private connectionFailure: Failure = null;
  private recipientRule: ((address: string) => Failure) | null = null;
  private waiters: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  private readonly server: SMTPServer;

  constructor(options: SmtpSinkOptions = {}) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onConnect: (_session, callback) => {
        callback(this.connectionFailure ? smtpError(this.connectionFailure) : undefined);
      },
      onRcptTo: (address, _session, callback) => {
        const failure = this.recipientRule?.(address.address) ?? null;
        callback(failure ? smtpError(failure) : undefined);
      },
      onData: (stream, session, callback) => {
        if (this.failure) {
          stream.resume();
          const error = smtpError(this.failure);
          stream.on('end', () => callback(error));
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            this.receive(parsed, session.hostNameAppearsAs);
            const delay = options.acceptDelayMs?.() ?? 0;
            if (delay > 0) setTimeout(() => callback(), delay);
            else callback();
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      },
    });
    // A sender that dies mid-transaction resets its connection; a mailbox shrugs that off.
    this.server.on('error', () => undefined);
  }

  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    const address = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  failWith(failure: Failure): void {
    this.failure = failure;
  }

  refuseConnectionsWith(failure: Failure): void {
    this.connectionFailure = failure;
  }

  /** Answers RCPT TO for some addresses with an error (550: no such mailbox), null to accept all. */
  refuseRecipients(rule: ((address: string) => Failure) | null): void {
    this.recipientRule = rule;
  }

  /** Resolves with the first message (already received or arriving) that matches. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
    const existing = this.messages.find(match);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching email arrived in time')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (mail) => {
          clearTimeout(timer);
          resolve(mail);
        },
      });
    });
  }

  private receive(parsed: ParsedMail, helo: string): void {
    const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) =>
      a.value.map((v) => v.address ?? ''),
    );
    const mail: ReceivedMail = {
      to,
      from: parsed.from?.value[0]?.address ?? '',
      fromName: parsed.from?.value[0]?.name ?? '',
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      messageId: parsed.messageId ?? '',
      headers: parsed.headers,
      helo,
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename ?? '',
        contentType: a.contentType,
        content: a.content.toString('utf8'),
      })),
    };
    this.messages.push(mail);
    const ready = this.waiters.filter((w) => w.match(mail));
    this.waiters = this.waiters.filter((w) => !w.match(mail));
    for (const waiter of ready) waiter.resolve(mail);
  }
}

import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A loopback SMTP server for the email figures, in a process of its own (forked by bench/email.ts)
 * so that receiving never takes CPU time from the sender's event loop. It accepts every message,
 * reads it to the end and counts it; unlike test/helpers/smtp-sink.ts it does not parse them, so
 * the figures measure the sender and not mailparser.
 */
let messages = 0;
let bytes = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // A reverse DNS lookup per connection would measure the resolver, not the sender.
  disableReverseLookup: true,
  onData(stream, _session, callback) {
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    stream.on('end', () => {
      messages++;
      callback();
    });
  },
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.server.address() as AddressInfo;
  process.send?.({ kind: 'ready', port });
});

process.on('message', (message: unknown) => {
  if (message === 'count') process.send?.({ kind: 'count', messages, bytes });
  else if (message === 'reset') {
    messages = 0;
    bytes = 0;
    process.send?.({ kind: 'count', messages, bytes });
  }
});
process.on('disconnect', () => {
  server.close(() => process.exit(0));
});

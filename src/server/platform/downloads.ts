import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

/** `attachment` with the file's name: an ASCII fallback and the exact name per RFC 6266/5987. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a stored file as a download: never shown inline, never sniffed into another type,
 * never cached, never framed, and sandboxed should a browser open it anyway.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { fileName: string; contentType: string; sizeBytes: number; stream: Readable },
): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-length', String(file.sizeBytes))
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'; sandbox")
    .header('cache-control', 'no-store')
    .send(file.stream);
}

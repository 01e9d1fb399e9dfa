import { crc32, deflateSync } from 'node:zlib';

/**
 * A small PNG standing in for a drawn signature: black strokes (a zigzag) on a transparent
 * background, 8-bit RGBA, as signature_pad's canvas exports them.
 */
export function signaturePng(width = 120, height = 40): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let x = 0; x < width; x++) {
    // A zigzag across the image, two pixels thick.
    const phase = (x % 40) / 40;
    const y = Math.round((phase < 0.5 ? phase * 2 : 2 - phase * 2) * (height - 6)) + 2;
    for (const dy of [0, 1]) {
      const offset = (y + dy) * (width * 4 + 1) + 1 + x * 4;
      raw[offset + 3] = 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The PNG as a data URL, as a browser's canvas.toDataURL('image/png') gives it. */
export function signatureDataUrl(width?: number, height?: number): string {
  return `data:image/png;base64,${signaturePng(width, height).toString('base64')}`;
}

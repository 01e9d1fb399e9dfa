import { crc32, deflateSync } from 'node:zlib';

/**
 * The demo's attachments, made when the demo starts rather than kept as binary files in the
 * repository: a one-page PDF worksheet and a small PNG picture. Both are real files a browser
 * opens, and both pass the upload checks that read a file's content.
 */

/** A one-page A4 PDF with a title and lines of text (Helvetica, no embedded fonts). */
export function demoPdf(title: string, lines: readonly string[]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
  const text = [
    'BT /F1 20 Tf 72 760 Td',
    `(${escape(title)}) Tj`,
    '/F1 12 Tf 0 -36 Td',
    ...lines.flatMap((line) => [`(${escape(line)}) Tj`, '0 -22 Td']),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG of the given size, each pixel's colour from `colourAt` (8 bits a channel, no filter). */
export function encodePng(
  width: number,
  height: number,
  colourAt: (x: number, y: number) => readonly [number, number, number],
): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    // Each row starts with its filter type, 0 (none).
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) row.set(colourAt(x, y), 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A small RGB PNG picture: a harbour at dusk (sky, sun, sea), drawn pixel by pixel. */
export function demoPng(width = 240, height = 160): Buffer {
  const horizon = Math.round(height * 0.62);
  const sun = { x: width * 0.68, y: horizon - height * 0.08, r: height * 0.14 };
  return encodePng(width, height, (x, y) => {
    if (y < horizon) {
      if ((x - sun.x) ** 2 + (y - sun.y) ** 2 < sun.r ** 2) return [255, 214, 102];
      const t = y / horizon;
      return [Math.round(250 - 60 * (1 - t)), Math.round(150 + 60 * (1 - t)), Math.round(120 + 100 * (1 - t))];
    }
    const wave = Math.sin(x / 9 + y * 1.3) > 0.7 ? 30 : 0;
    return [30 + wave, 80 + wave, Math.round(140 - 40 * ((y - horizon) / (height - horizon))) + wave];
  });
}

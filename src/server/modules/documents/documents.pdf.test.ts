import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { readPdfText, readPdfWords } from '../../../../test/helpers/pdf-text.js';
import { signaturePng } from '../../../../test/helpers/png.js';
import { markdownEntries } from './documents.markdown-text.js';
import { wrapText } from '../../platform/pdf-fonts.js';
import { formatInZone, renderCompletedDocumentPdf, type PrintedRecord } from './documents.pdf.js';
import {
  canonicalJson,
  signedContentFormat,
  signedContentSha256,
  type SignedContent,
} from './documents.signed-content.js';

const hash = 'd1b2a59fbea7e20077af9f91b27e95e865061b270be03ff539ab3b73587882e8';

function record(overrides: Partial<PrintedRecord> = {}): PrintedRecord {
  return {
    practice: {
      name: 'Zoë Ångström Counselling',
      timeZone: 'Europe/Paris',
      dateTimeFormat: { dateOrder: 'day-first', clock: '24-hour' },
    },
    client: { name: 'Łukasz Żółć-Παπαδόπουλος' },
    template: { name: 'Intake questionnaire', version: 3 },
    reference: 'item-7f3a',
    entries: [
      { kind: 'heading', text: 'About you' },
      { kind: 'paragraph', text: 'Please answer as fully as you can.' },
      { kind: 'answer', label: 'What brings you here?', answer: 'Trouble sleeping since the move.' },
      { kind: 'answer', label: 'Anything else?', answer: null },
      { kind: 'signature', label: 'Your signature', signature: { method: 'drawn', png: signaturePng() } },
    ],
    signing: {
      signerName: 'Łukasz Żółć',
      signedAt: '2026-07-14T08:30:05.250Z',
      ipAddress: '203.0.113.9',
      contentSha256: hash,
    },
    ...overrides,
  };
}

describe('the completed-document PDF', () => {
  it('prints the practice, client, template and version, every answer, the signer, the times, the IP address and the hash', async () => {
    const words = await readPdfWords(await renderCompletedDocumentPdf(record()));
    for (const expected of [
      'Zoë Ångström Counselling',
      'Łukasz Żółć-Παπαδόπουλος',
      'Intake questionnaire',
      'Version 3',
      'item-7f3a',
      'About you',
      'Please answer as fully as you can.',
      'What brings you here?',
      'Trouble sleeping since the move.',
      'Anything else? No answer',
      'Your signature',
      'Signed by Łukasz Żółć',
      // Paris is two hours ahead of UTC in July (summer time).
      '14 July 2026, 10:30:05 (Europe/Paris, UTC+02:00)',
      '2026-07-14T08:30:05.250Z',
      '203.0.113.9',
      `SHA-256 of the signed content ${hash}`,
    ])
      expect(words).toContain(expected);
  });

  it('draws a drawn signature as an image and prints a typed one as text', async () => {
    const drawn = await PDFDocument.load(await renderCompletedDocumentPdf(record()));
    const images = drawn.context
      .enumerateIndirectObjects()
      .filter(([, object]) => object.toString().includes('/Image'));
    expect(images.length).toBeGreaterThan(0);

    const typed = record({
      entries: [{ kind: 'signature', label: 'Your signature', signature: { method: 'typed', name: 'Ł. Żółć' } }],
    });
    const typedPdf = await renderCompletedDocumentPdf(typed);
    expect(await readPdfWords(typedPdf)).toContain('Your signature Ł. Żółć');
    const loaded = await PDFDocument.load(typedPdf);
    expect(loaded.context.enumerateIndirectObjects().some(([, o]) => o.toString().includes('/Image'))).toBe(false);
  });

  it('wraps long answers within the page and continues on new pages, numbering them', async () => {
    const long = 'word '.repeat(3000) + 'Supercalifragilistic'.repeat(20);
    const entries = [
      { kind: 'answer' as const, label: 'A long story', answer: long },
      ...Array.from({ length: 30 }, (_, i) => ({
        kind: 'answer' as const,
        label: `Question ${i + 1}`,
        answer: `Answer ${i + 1}`,
      })),
    ];
    const bytes = await renderCompletedDocumentPdf(record({ entries }));
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThan(3);
    const pages = await readPdfText(bytes);
    expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
    const words = pages.join(' ').replace(/\s+/g, ' ');
    for (let i = 1; i <= 30; i++) expect(words).toContain(`Question ${i} Answer ${i}`);
    expect(words).toContain(hash);
    // No line runs past the right margin: every glyph run starts and ends inside the page.
    expect(pages.every((page) => page.split('\n').every((line) => line.length < 140))).toBe(true);
  });

  it('keeps line breaks of a long answer and drops control characters no font draws', async () => {
    const bytes = await renderCompletedDocumentPdf(
      record({ entries: [{ kind: 'answer', label: 'Notes', answer: 'first line\nsecond\u0007 line\r\nthird\tline' }] }),
    );
    const text = (await readPdfText(bytes)).join('');
    expect(text).toMatch(/first line\s*\n\s*second line\s*\n\s*third +line/);
  });

  it('gives the same bytes for the same record', async () => {
    const first = await renderCompletedDocumentPdf(record());
    const second = await renderCompletedDocumentPdf(record());
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('writes the time in the practice’s date order and clock', () => {
    const practice = {
      name: 'P',
      timeZone: 'America/New_York',
      dateTimeFormat: { dateOrder: 'month-first', clock: '12-hour' },
    } as const;
    expect(formatInZone('2026-03-08T07:30:00.000Z', practice)).toBe(
      'March 8, 2026, 3:30:00 AM (America/New_York, UTC-04:00)',
    );
    expect(formatInZone('2026-03-08T06:30:00.000Z', practice)).toBe(
      'March 8, 2026, 1:30:00 AM (America/New_York, UTC-05:00)',
    );
  });
});

describe('the signed content', () => {
  const content: SignedContent = {
    format: signedContentFormat,
    itemId: 'item-1',
    practiceId: 'practice-1',
    clientId: 'client-1',
    templateVersionId: 'version-1',
    answers: { q2: ['b', 'a'], q1: 'Ünïcödé', q3: { method: 'typed', name: 'Ada' }, q4: 7.5, q5: null },
    signer: { name: 'Ada Lovelace', consentedToElectronicSignature: true },
    signedAt: '2026-07-14T08:30:05.250Z',
    ipAddress: '203.0.113.9',
  };

  it('is canonical JSON: keys sorted at every depth, no white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: -0.5 }, A: '"' })).toBe(
      '{"A":"\\"","a":{"c":-0.5,"d":[true,null,"x"]},"b":1}',
    );
  });

  it('hashes the same for the same content whatever the order its answers were written in', () => {
    const reordered = {
      ...content,
      answers: { q5: null, q4: 7.5, q3: { name: 'Ada', method: 'typed' }, q1: 'Ünïcödé', q2: ['b', 'a'] },
    };
    expect(signedContentSha256(reordered)).toBe(signedContentSha256(content));
    expect(signedContentSha256(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any answer, the signer, the time, the address or the version', () => {
    const base = signedContentSha256(content);
    for (const changed of [
      { ...content, answers: { ...content.answers, q1: 'Unicode' } },
      { ...content, answers: { ...content.answers, q2: ['a', 'b'] } },
      { ...content, signer: { ...content.signer, name: 'Ada King' } },
      { ...content, signedAt: '2026-07-14T08:30:05.251Z' },
      { ...content, ipAddress: '203.0.113.10' },
      { ...content, templateVersionId: 'version-2' },
    ])
      expect(signedContentSha256(changed)).not.toBe(base);
  });
});

describe('consent text written in markdown', () => {
  it('prints as headings, paragraphs and list items of plain words, without markup or HTML', () => {
    expect(
      markdownEntries(
        '# Informed consent\n\nI agree to **therapy** with _my_ clinician & [the practice](https://example.org).\n\n' +
          '- Sessions last `50` minutes\n- Fees: see <b>below</b>\n\n1. First\n2. Second\n\n<script>alert(1)</script>\n\n> Quoted words',
      ),
    ).toEqual([
      { kind: 'heading', text: 'Informed consent' },
      { kind: 'paragraph', text: 'I agree to therapy with my clinician & the practice.' },
      { kind: 'list-item', text: 'Sessions last 50 minutes' },
      { kind: 'list-item', text: 'Fees: see below' },
      { kind: 'list-item', text: '1. First' },
      { kind: 'list-item', text: '2. Second' },
      { kind: 'paragraph', text: 'Quoted words' },
    ]);
  });
});

describe('wrapText', () => {
  it('never makes a line wider than asked', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont('Helvetica');
    const lines = wrapText('a few short words then ' + 'x'.repeat(300) + ' and more', font, 10, 200);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(font.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(200);
    // Nothing lost: the same characters, only the spaces where lines break are gone.
    expect(lines.join(' ').replace(/ /g, '')).toBe(
      'afewshortwordsthen' + 'x'.repeat(300) + 'andmore'.replace(/ /g, ''),
    );
  });
});

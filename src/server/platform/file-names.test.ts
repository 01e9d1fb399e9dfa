import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleFiles } from '../../../test/helpers/messages.js';
import { capFileName, extensionOf, fileNameLength, fileNameMaxLength, normaliseFileName } from './file-names.js';
import { checkFile, storedFileName } from './uploads.js';

const invisible = /[\p{C}\p{Default_Ignorable_Code_Point}]/u;

describe('normaliseFileName', () => {
  it.each([
    ['a trailing space', 'report.html ', 'report.html'],
    ['a zero-width space', 'x.html\u200b', 'x.html'],
    ['a right-to-left override', 'x.exe\u202e', 'x.exe'],
    ['a right-to-left override that hides the real extension', 'invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['bidi isolates and marks', '\u2066x\u2069.\u200fpdf\u200e', 'x.pdf'],
    ['a byte-order mark and a soft hyphen', '\ufeffre\u00adport.pdf', 'report.pdf'],
    ['fullwidth letters and dot (NFKC)', 'ｒｅｐｏｒｔ．ｈｔｍｌ', 'report.html'],
    ['a one-dot leader standing in for a dot (NFKC)', 'x\u2024html', 'x.html'],
    ['a fullwidth slash (NFKC), as a path', '..／..／etc／passwd.pdf', 'passwd.pdf'],
    ['compatibility ligatures and superscripts (NFKC)', 'ﬁle².pdf', 'file2.pdf'],
    ['a decomposed accent, composed (NFKC)', 'Se\u0301ance.pdf', 'Séance.pdf'],
    ['control characters', 'a\u0000b\u0007c\u001b[31m\u007f\u0085.pdf', 'abc[31m.pdf'],
    ['tabs, newlines and runs of spaces', ' \tmy\r\n  scan\u00a0\u3000 2026 .pdf', 'my scan 2026 .pdf'],
    ['trailing dots and spaces', 'report.html. . ..', 'report.html'],
    ['a leading dot, which hides a file', '.hidden.pdf', 'hidden.pdf'],
    ['a Windows path', 'C:\\Users\\ada\\Desktop\\letter.pdf', 'letter.pdf'],
    ['a Unix path', '/home/ada/letter.pdf', 'letter.pdf'],
    ['a Hangul filler', 'x.html\u3164', 'x.html'],
    ['a variation selector', 'note\ufe0f.pdf', 'note.pdf'],
    ['private-use characters', 'x\ue000.html', 'x.html'],
    ['an ordinary name', 'Brief an Frau Müller (2).pdf', 'Brief an Frau Müller (2).pdf'],
    ['right-to-left text itself', 'تقرير.pdf', 'تقرير.pdf'],
  ])('removes %s', (_label, raw, expected) => {
    expect(normaliseFileName(raw)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['only dots', '...'],
    ['only dots and spaces', ' . . . '],
    ['only invisible characters', '\u200b\u202e\u2066\ufeff'],
    ['only control characters', '\u0000\u0001\u001f'],
    ['a path ending in a slash', 'documents/'],
  ])('leaves nothing of a name that is %s', (_label, raw) => {
    expect(normaliseFileName(raw)).toBe('');
  });

  it('cuts a very long name to the limit and keeps its extension', () => {
    const name = normaliseFileName(`${'a'.repeat(500)}.html`);
    expect(fileNameLength(name)).toBe(fileNameMaxLength);
    expect(name).toBe(`${'a'.repeat(fileNameMaxLength - 5)}.html`);
  });

  it('cuts a long name whose cut lands on dots and spaces without leaving them before the extension', () => {
    const name = normaliseFileName(`${'a'.repeat(190)} . . . . . . . . . . . . ${'b'.repeat(50)}.pdf`);
    expect(name).toBe(`${'a'.repeat(190)}.pdf`);
  });

  it('cuts a long name without an extension at the limit', () => {
    expect(normaliseFileName('x'.repeat(300))).toBe('x'.repeat(fileNameMaxLength));
  });

  it('counts characters, not UTF-16 units, and never splits a character or its accents', () => {
    const emoji = normaliseFileName(`${'😀'.repeat(300)}.pdf`);
    expect(fileNameLength(emoji)).toBe(fileNameMaxLength);
    expect(emoji.endsWith('😀.pdf')).toBe(true);
    // Devanagari: a letter and its vowel sign are one character to a reader, and stay together.
    const devanagari = normaliseFileName(`${'कि'.repeat(150)}.pdf`);
    expect(devanagari).toBe(`${'कि'.repeat(98)}.pdf`);
  });

  it('is stable, and leaves nothing invisible, no dots or spaces at the ends, and nothing too long', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        const name = normaliseFileName(raw);
        expect(normaliseFileName(name)).toBe(name);
        expect(invisible.test(name)).toBe(false);
        expect(/^[\s.]|[\s.]$/.test(name)).toBe(false);
        expect(/[\\/]/.test(name)).toBe(false);
        expect(fileNameLength(name)).toBeLessThanOrEqual(fileNameMaxLength);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('capFileName', () => {
  it('leaves a name within the limit alone, and cuts the stem of a longer one', () => {
    expect(capFileName('letter.pdf', 10)).toBe('letter.pdf');
    expect(capFileName('letters.pdf', 10)).toBe('letter.pdf');
  });
});

describe('the stored name of a checked file', () => {
  it.each([
    ['report.html ', 'is a PDF but its name ends in .html'],
    ['x.html\u200b', 'is a PDF but its name ends in .html'],
    ['x.exe\u202e', 'is a PDF but its name ends in .exe'],
    ['ｘ．ｈｔｍｌ', 'is a PDF but its name ends in .html'],
    [`${'a'.repeat(400)}.html`, 'is a PDF but its name ends in .html'],
  ])('refuses a PDF named %j for the extension a person would see', async (raw, problem) => {
    expect(await checkFile(normaliseFileName(raw), sampleFiles.pdf())).toEqual({ problem });
  });

  it.each([
    ['ｌｅｔｔｅｒ．ｐｄｆ', 'letter.pdf'],
    ['letter.pdf. ', 'letter.pdf'],
    ['letter', 'letter.pdf'],
    ['x.html\u2800', 'x.html\u2800.pdf'],
    ['\u202e', 'attachment.pdf'],
    ['...', 'attachment.pdf'],
    ['', 'attachment.pdf'],
    ['y'.repeat(300), `${'y'.repeat(fileNameMaxLength - 4)}.pdf`],
  ])('stores a PDF named %j as %j, a name that passes the same check', async (raw, stored) => {
    const name = normaliseFileName(raw);
    const checked = await checkFile(name, sampleFiles.pdf());
    expect(checked).toEqual({ type: 'application/pdf' });
    const fileName = storedFileName(name, 'application/pdf');
    expect(fileName).toBe(stored);
    expect(normaliseFileName(fileName)).toBe(fileName);
    expect(extensionOf(fileName)).toBe('pdf');
    expect(await checkFile(fileName, sampleFiles.pdf())).toEqual({ type: 'application/pdf' });
  });
});

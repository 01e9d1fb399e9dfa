/** The longest name an attachment is stored under, in characters; longer names lose the end of their stem. */
export const fileNameMaxLength = 200;

/**
 * Characters that show nothing, or change how what follows is shown: control and format
 * characters (Cc, Cf: zero-width spaces and joiners, the bidi overrides, isolates and marks),
 * surrogates, private-use and unassigned code points (the rest of \p{C}), and the other default
 * ignorables (Hangul fillers, variation selectors). A name keeping one could read `x.exe` and
 * be something else, or read `x.html` to the check and `x.html` to a person.
 */
const invisible = /[\p{C}\p{Default_Ignorable_Code_Point}]/gu;

const extensionPattern = /\.([A-Za-z0-9]{1,8})$/;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function withoutInvisible(text: string): string {
  return text.replace(invisible, '');
}

/** Windows drops trailing dots and spaces from a saved name; a dot first hides the file elsewhere. */
function trimmed(text: string): string {
  return text.replace(/^[\s.]+|[\s.]+$/g, '');
}

/** The name's extension, lower case, when it ends in one (a dot and 1–8 ASCII letters or digits). */
export function extensionOf(name: string): string | undefined {
  return extensionPattern.exec(name)?.[1]?.toLowerCase();
}

/** How long a name is, in characters (Unicode code points, not UTF-16 units): what the limit counts. */
export function fileNameLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** The text cut to at most `max` characters (code points), never inside a character or its marks. */
function cut(text: string, max: number): string {
  let result = '';
  let length = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = fileNameLength(segment);
    if (length + size > max) break;
    result += segment;
    length += size;
  }
  return result;
}

/** The name cut to at most `max` characters, keeping its extension; trailing dots and spaces go again. */
export function capFileName(name: string, max = fileNameMaxLength): string {
  if (fileNameLength(name) <= max) return name;
  const extension = extensionPattern.exec(name)?.[0] ?? '';
  const stem = name.slice(0, name.length - extension.length);
  return `${trimmed(cut(stem, max - extension.length))}${extension}`;
}

/**
 * The name an uploaded file is checked and stored under, as a person will see it: the last part of
 * its path, in Unicode NFKC (fullwidth `ｘ．ｈｔｍｌ` is `x.html`), without invisible characters,
 * with each run of white space as one space, without dots or spaces at either end, and at most
 * `fileNameMaxLength` characters with its extension kept. Empty when nothing visible is left.
 * Applying it again changes nothing.
 */
export function normaliseFileName(raw: string): string {
  // Tabs and line breaks are spaces (not dropped with the other control characters). Invisible
  // characters go once before NFKC, so that removing one cannot leave a sequence NFKC would have
  // changed, and once after, for what NFKC itself made. Paths are cut after NFKC, which makes ／ a slash.
  const spaced = raw.replace(/\s+/g, ' ');
  const normalised = withoutInvisible(withoutInvisible(spaced).normalize('NFKC'));
  const base = normalised.split(/[\\/]/).pop() ?? '';
  return capFileName(trimmed(base.replace(/\s+/g, ' ')));
}

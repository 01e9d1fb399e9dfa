import { Lexer, type Token, type Tokens } from 'marked';
import type { PrintedEntry } from './documents.pdf.js';

/**
 * A consent document's markdown as the PDF prints it: headings, paragraphs and list items as
 * plain text (emphasis, links and code as their words; raw HTML left out, as the portal's
 * sanitiser leaves out what it does not allow). Only the words matter on the record: the formatting
 * the client saw is in the template version the record names.
 */
export function markdownEntries(markdown: string): PrintedEntry[] {
  const entries: PrintedEntry[] = [];
  blocks(new Lexer().lex(markdown), entries, '');
  return entries;
}

function blocks(tokens: Token[], entries: PrintedEntry[], indent: string): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        entries.push({ kind: 'heading', text: inline((token as Tokens.Heading).tokens) });
        break;
      case 'paragraph':
        push(entries, { kind: 'paragraph', text: indent + inline((token as Tokens.Paragraph).tokens) });
        break;
      case 'text': {
        const text = token as Tokens.Text;
        push(entries, { kind: 'paragraph', text: indent + (text.tokens ? inline(text.tokens) : text.text) });
        break;
      }
      case 'code':
        push(entries, { kind: 'paragraph', text: (token as Tokens.Code).text });
        break;
      case 'blockquote':
        blocks((token as Tokens.Blockquote).tokens, entries, indent);
        break;
      case 'list': {
        const list = token as Tokens.List;
        list.items.forEach((item, index) => {
          const marker = list.ordered ? `${(typeof list.start === 'number' ? list.start : 1) + index}.` : '';
          const parts: PrintedEntry[] = [];
          blocks(item.tokens, parts, '');
          const [first, ...rest] = parts;
          const text = first && first.kind !== 'signature' && first.kind !== 'answer' ? first.text : '';
          push(entries, { kind: 'list-item', text: marker ? `${marker} ${text}` : text });
          entries.push(...rest);
        });
        break;
      }
      case 'table': {
        const table = token as Tokens.Table;
        push(entries, { kind: 'paragraph', text: table.header.map((cell) => inline(cell.tokens)).join(' | ') });
        for (const row of table.rows)
          push(entries, { kind: 'paragraph', text: row.map((cell) => inline(cell.tokens)).join(' | ') });
        break;
      }
      default:
        // space, hr, html, def: nothing to print.
        break;
    }
  }
}

function push(entries: PrintedEntry[], entry: PrintedEntry & { text: string }): void {
  if (entry.text.trim() !== '') entries.push(entry);
}

function inline(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'escape':
      case 'codespan': {
        const t = token as Tokens.Text;
        text += t.tokens ? inline(t.tokens) : decodeEntities(t.text);
        break;
      }
      case 'br':
        text += '\n';
        break;
      case 'image':
        text += (token as Tokens.Image).text;
        break;
      case 'html':
        break;
      default:
        text += inline((token as Tokens.Generic).tokens);
    }
  }
  return text;
}

/** marked escapes &, <, >, " and ' in text tokens; the PDF prints the characters themselves. */
function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

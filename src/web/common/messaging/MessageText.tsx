import { Anchor } from '@mantine/core';
import { LinkifyIt } from 'linkify-it';
import type { ReactNode } from 'react';

const linkify = new LinkifyIt();

/** Only web and mail links become anchors; anything else stays text. */
function isSafeHref(url: string): boolean {
  return /^(https?:|mailto:)/i.test(url);
}

/**
 * A message body as the sender wrote it: plain text with its line breaks, links made clickable.
 * Nothing is ever parsed as HTML, so text that looks like markup shows as typed.
 */
export function MessageText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of linkify.match(text) ?? []) {
    if (!isSafeHref(match.url)) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(
      <Anchor key={match.index} href={match.url} target="_blank" rel="noopener noreferrer nofollow" inherit>
        {match.text}
      </Anchor>,
    );
    last = match.lastIndex;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{parts}</span>;
}

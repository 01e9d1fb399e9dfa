/** Escapes text for HTML, so names with markup are shown, never executed. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export interface EmailContent {
  practiceName: string;
  /** The practice's logo at an absolute address (Settings → Practice profile), shown beside its name. */
  practiceLogoUrl?: string | null;
  heading: string;
  /** Plain paragraphs; escaped for the HTML part. */
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

/** One layout for every email: an HTML part and an equivalent plain-text part. */
export function renderEmail(content: EmailContent): { html: string; text: string } {
  const paragraphs = content.paragraphs
    .map((p) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('');
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#2f6f5e;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:600">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555">If the button does not work, copy this address into your browser:<br><span style="word-break:break-all">${escapeHtml(content.action.url)}</span></p>`
    : '';
  const footer = content.footer ?? `Sent by ${content.practiceName} through Portico.`;
  const logo = content.practiceLogoUrl
    ? `<img src="${escapeHtml(content.practiceLogoUrl)}" alt="" height="40" style="height:40px;max-width:160px;vertical-align:middle;margin-right:10px;border-radius:4px">`
    : '';
  const html = `<!doctype html><html><body style="margin:0;background:#f4f6f5;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1d2a26">
<div style="max-width:560px;margin:0 auto;padding:24px">
<div style="font-size:14px;color:#2f6f5e;font-weight:700;margin-bottom:12px">${logo}${escapeHtml(content.practiceName)}</div>
<div style="background:#ffffff;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(content.heading)}</h1>
${paragraphs}${button}
</div>
<p style="font-size:12px;color:#6b7773;margin-top:16px">${escapeHtml(footer)}</p>
</div></body></html>`;
  const text = [
    content.practiceName,
    '',
    content.heading,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    footer,
  ].join('\n');
  return { html, text };
}

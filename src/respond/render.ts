/**
 * A tiny document model rendered to Markdown or HTML. Notices are built once as blocks, so both
 * formats always carry the same content and HTML escaping lives in one place.
 */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'fields'; rows: [label: string, value: string][] }
  | { kind: 'callout'; text: string; /** HTML border colour; default red (a warning). */ tone?: CalloutTone };

export type CalloutTone = 'red' | 'amber' | 'green';

export interface Doc {
  lang: 'de' | 'en';
  title: string;
  blocks: Block[];
}

export type DocFormat = 'md' | 'html';

export function render(doc: Doc, format: DocFormat): string {
  return format === 'html' ? renderHtml(doc) : renderMarkdown(doc);
}

const mdInline = (text: string): string => text.replace(/\r?\n/g, '  \n');

export function renderMarkdown(doc: Doc): string {
  const out: string[] = [`# ${doc.title}`, ''];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`## ${b.text}`, '');
        break;
      case 'paragraph':
        out.push(mdInline(b.text), '');
        break;
      case 'callout':
        out.push(`> **${mdInline(b.text)}**`, '');
        break;
      case 'list':
        out.push(...b.items.map((i) => `- ${mdInline(i)}`), '');
        break;
      case 'fields':
        out.push(...b.rows.map(([k, v]) => `- **${k}:** ${mdInline(v)}`), '');
        break;
    }
  }
  return out.join('\n');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const htmlInline = (text: string): string => escapeHtml(text).replace(/\r?\n/g, '<br>');

export function renderHtml(doc: Doc): string {
  const body: string[] = [`<h1>${escapeHtml(doc.title)}</h1>`];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
        body.push(`<h2>${escapeHtml(b.text)}</h2>`);
        break;
      case 'paragraph':
        body.push(`<p>${htmlInline(b.text)}</p>`);
        break;
      case 'callout':
        body.push(`<p class="callout${b.tone && b.tone !== 'red' ? ` ${b.tone}` : ''}"><strong>${htmlInline(b.text)}</strong></p>`);
        break;
      case 'list':
        body.push(`<ul>${b.items.map((i) => `<li>${htmlInline(i)}</li>`).join('')}</ul>`);
        break;
      case 'fields':
        body.push(`<dl>${b.rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${htmlInline(v)}</dd>`).join('')}</dl>`);
        break;
    }
  }
  return htmlPage(doc.lang, doc.title, body.join('\n'));
}

/** Self-contained page (no external resources): it is printed, mailed or archived. */
export function htmlPage(lang: string, title: string, body: string): string {
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;line-height:1.5;padding:0 1rem}',
    'dt{font-weight:600;margin-top:.6rem}dd{margin-left:1rem}.callout{border-left:4px solid #b00;padding-left:.8rem}.callout.amber{border-color:#c80}.callout.green{border-color:#070}',
    'table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}',
    'dd,li,td{overflow-wrap:anywhere}',
    // Printed (and PDF via Chromium): A4 with page numbers, no heading or label left alone at a page foot.
    '@page{size:A4;margin:18mm 16mm 20mm;@bottom-right{content:counter(page) " / " counter(pages);font:8pt system-ui,sans-serif;color:#555}}',
    '@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}h1{font-size:17pt;margin-top:0}h2{font-size:13pt}',
    'h1,h2,dt{break-after:avoid}dd,li,tr,.callout{break-inside:avoid}a{color:inherit}}</style>',
    '</head><body>',
    body,
    '</body></html>',
    '',
  ].join('\n');
}

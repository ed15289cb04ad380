/**
 * Signals that an HTML page is a directory listing of documents, as data: each web server's
 * autoindex has its own markup, and patient documents have a few typical extensions.
 */

/** Markup of the autoindex pages of common servers (Apache, nginx, IIS, lighttpd, Python, Caddy, Jetty…). */
export const LISTING_MARKUP: readonly { server: string; pattern: RegExp }[] = [
  { server: 'apache/nginx/lighttpd', pattern: /<title>\s*Index of \//i },
  { server: 'apache/nginx', pattern: /<h1>\s*Index of \//i },
  { server: 'python', pattern: /<title>\s*Directory listing for \//i },
  { server: 'iis', pattern: /\[To Parent Directory\]/i },
  { server: 'caddy', pattern: /<td>\s*<a href="\.\.\/">\s*Go up\s*<\/a>/i },
  { server: 'jetty', pattern: /<title>\s*Directory: \//i },
  { server: 'generic', pattern: /<a href="\.\.\/">\s*(?:\.\.\/|Parent Directory)\s*<\/a>/i },
];

/** Extensions of documents that in a practice usually carry patient data, grouped by type. */
export const DOCUMENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['pdf', 'pdf'],
  ['dcm', 'dicom'],
  ['dicom', 'dicom'],
  ['doc', 'word'],
  ['docx', 'word'],
  ['odt', 'word'],
  ['rtf', 'word'],
  ['tif', 'scan'],
  ['tiff', 'scan'],
  ['jpg', 'scan'],
  ['jpeg', 'scan'],
  ['gdt', 'gdt'],
  ['hl7', 'hl7'],
  ['xls', 'spreadsheet'],
  ['xlsx', 'spreadsheet'],
  ['csv', 'spreadsheet'],
]);

export interface PageLink {
  /** The decoded link target without query, e.g. "befunde/" or "a.pdf". */
  name: string;
  href: string;
}

/** Relative links of a listing page: no external hosts, no parent, no sort links ("?C=N;O=D"). */
export function relativeLinks(html: string): PageLink[] {
  const links: PageLink[] = [];
  const seen = new Set<string>();
  for (const m of html.matchAll(/<a\s[^>]*?href\s*=\s*"([^"]{1,512})"/gi)) {
    const href = (m[1] ?? '').replace(/&amp;/g, '&');
    if (/^[a-z][a-z0-9+.-]*:|^\/\/|^\.\.|^\?|^#/i.test(href) || seen.has(href)) continue;
    seen.add(href);
    const name = decodedPath(href.split('?')[0] ?? href);
    if (name === '' || name === './' || name === '/') continue;
    links.push({ name, href });
  }
  return links;
}

/** A link path as the server's file system names it ("Arztbrief%20M%C3%BCller.pdf" → "Arztbrief Müller.pdf"). */
export function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // a malformed escape is still a link: keep its raw form
  }
}

export function listingMarkup(html: string): string | null {
  return LISTING_MARKUP.find((m) => m.pattern.test(html))?.server ?? null;
}

/** The document type of a link, or null when it is not a patient-like document. */
export function documentType(name: string): string | null {
  const ext = /\.([a-z0-9]{1,6})$/i.exec(name)?.[1]?.toLowerCase();
  return ext ? (DOCUMENT_TYPES.get(ext) ?? null) : null;
}

export const isDirectoryLink = (link: PageLink): boolean => link.name.endsWith('/');

/** Masking for anything printed or stored about delivery targets: first two characters plus length. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 2)}…(${secret.length})`;
}

/** A URL without its password, query and fragment (tokens often hide there). */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = maskSecret(decodeURIComponent(url.password));
    const hidden = url.search ? `?…(${url.search.length - 1})` : '';
    url.search = '';
    url.hash = '';
    return url.toString() + hidden;
  } catch {
    return maskSecret(raw);
  }
}

/** Masking for anything printed or stored about connections and delivery targets: first two characters plus length. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 2)}…(${secret.length})`;
}

/** A URL with its password masked and without query and fragment (tokens often hide there). */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const password = url.password ? maskSecret(decodeURIComponent(url.password)) : '';
    if (password) url.password = 'PASSWORDMASK';
    const hidden = url.search ? `?…(${url.search.length - 1})` : '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(':PASSWORDMASK@', `:${password}@`) + hidden;
  } catch {
    return maskSecret(raw);
  }
}

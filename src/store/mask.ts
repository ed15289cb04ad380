// Masking for anything printed or stored about connections and delivery targets; the one
// secret mask of DESIGN.md §5 (first two characters plus length) lives with the checks.
import { maskSecret } from '../checks/mask.js';

export { maskSecret };

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

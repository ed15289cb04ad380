/** The login form. The hidden token pairs with a cookie set alongside it (login CSRF). */
import { html, page, type PageContext } from '../html.js';
import { word, type WordKey } from '../texts.js';

export function loginPage(ctx: PageContext, loginToken: string, message?: { key: WordKey; error: boolean }): string {
  const t = (k: WordKey): string => word(k, ctx.lang);
  const body = html`${message ? html`<p class="${message.error ? 'error' : ''}" role="status">${t(message.key)}</p>` : ''}
<form method="post" action="/login${ctx.langInUrl ? `?lang=${ctx.lang}` : ''}" class="login">
<input type="hidden" name="token" value="${loginToken}">
<label>${t('user')} <input name="user" autocomplete="username" required maxlength="64"></label>
<label>${t('password')} <input name="password" type="password" autocomplete="current-password" required maxlength="1024"></label>
<button type="submit">${t('loginButton')}</button>
</form>`;
  return page(ctx, t('loginTitle'), body, '/login');
}

/** phpinfo() HTML in the shape PHP 8 prints it (title, version heading, e/v tables). */
export function phpinfoHtml(environment: Record<string, string>, version = '8.2.36'): string {
  const rows = Object.entries(environment)
    .map(([k, v]) => `<tr><td class="e">$_SERVER['${k}']</td><td class="v">${v} </td></tr>`)
    .join('\n');
  return (
    `<!DOCTYPE html><html><head><title>PHP ${version} - phpinfo()</title></head><body><div class="center">\n` +
    `<table><tr class="h"><td><h1 class="p">PHP Version ${version}</h1></td></tr></table>\n` +
    '<table><tr><td class="e">display_errors</td><td class="v">Off</td><td class="v">Off</td></tr>\n' +
    '<tr><td class="e">mysqli.default_pw</td><td class="v">no value</td></tr></table>\n' +
    `<h2>PHP Variables</h2><table>\n${rows}\n</table></div></body></html>`
  );
}

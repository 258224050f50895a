/** The Google front end's HTML 404 page, answered for paths that name no API at all. */

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The HTML body for an unknown path (same structure and wording as the real page, without styles). */
export function notFoundPage(path: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang=en>',
    '  <meta charset=utf-8>',
    '  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">',
    '  <title>Error 404 (Not Found)!!1</title>',
    '  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>',
    '  <p><b>404.</b> <ins>That’s an error.</ins>',
    `  <p>The requested URL <code>${escapeHtml(path)}</code> was not found on this server.  <ins>That’s all we know.</ins>`,
    '',
  ].join('\n');
}

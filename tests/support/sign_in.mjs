// Signing in to a running portal the way a browser does: fetch the login form (its CSRF token
// and cookie), post the credentials, return the session cookie's value (undefined on failure).
export async function signIn(base, username, password) {
  const form = await fetch(`${base}/en/login`);
  const html = await form.text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  const cookie = form.headers.getSetCookie().find((c) => c.startsWith('lmo_login_csrf='))?.split(';')[0] ?? '';
  const response = await fetch(`${base}/en/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf, username, password }).toString(),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('lmo_session='));
  return session ? session.split(';')[0].slice('lmo_session='.length) : undefined;
}

// Decodes the HTML entities Mustache writes into attribute values.
export function unescapeHtml(text) {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&apos;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&#x2F;/g, '/').replace(/&#x60;/g, '`').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
}

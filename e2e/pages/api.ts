import type { Page } from '@playwright/test';

/** Calls the API with the signed-in session of the page (cookie + CSRF token). */
export async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const me = await (await page.request.get('/api/auth/me')).json();
  const res = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': me.csrfToken, 'if-match': '*' },
    data: body,
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json() as Promise<T>;
}

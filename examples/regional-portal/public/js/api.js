/**
 * Calls the portal's JSON API. Every answer is `{ ok, status, body }`; a network failure is a status 0
 * with the generic error, so pages handle one shape.
 */
export const api = async (path, options = {}) => {
  try {
    const response = await fetch(path, {
      method: options.method ?? 'GET',
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
    });
    const body = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, body };
  } catch {
    return { ok: false, status: 0, body: { error: { tag: 'NetworkError', message: '' } } };
  }
};

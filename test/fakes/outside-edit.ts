/**
 * Someone outside this app (a colleague's tool, a script, the platform's own UI) writing to the
 * API directly, over plain HTTP: what the change workflow must detect, never cause.
 */
export async function outsideWrite(opts: {
  baseUrl: string;
  token: string;
  method: 'PUT' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  ifMatch?: string | undefined;
}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${opts.baseUrl}${opts.path}`, {
    method: opts.method,
    headers: {
      authorization: `Bearer ${opts.token}`,
      'content-type': 'application/json',
      ...(opts.ifMatch ? { 'if-match': opts.ifMatch } : {}),
    },
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`outside ${opts.method} ${opts.path}: ${res.status} ${text}`);
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

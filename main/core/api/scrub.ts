/**
 * Removes a secret from text and nested values before they leave the client (errors, diagnostics,
 * bridge payloads). Servers and proxies sometimes echo request headers in their error bodies, so
 * this is applied to everything we pass on, not only to what we build ourselves.
 */
export function scrubText(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short secrets would blank out ordinary words; a real token is never this short.
    if (!secret || secret.length < 4) continue;
    out = out.split(secret).join('[redacted]');
  }
  return out;
}

export function scrubDeep(
  value: unknown,
  secrets: readonly (string | undefined)[],
  depth = 0,
): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // defineProperty: a key named __proto__ stays an own property instead of replacing the prototype.
    Object.defineProperty(out, k, {
      value: scrubDeep(v, secrets, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

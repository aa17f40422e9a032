import { z } from 'zod';
import { call } from '../define';
import { LocalId, SiteId } from '../ids';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where a token may be sent: https, or plain http only on this machine (the sandbox). Applies to
 * a connection's address and to every redirect the API answers with.
 */
export function isAllowedApiUrl(u: URL): boolean {
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
}

/**
 * The WHATWG form of a URL, which is where requests really go: in an http(s) URL `\` means `/`,
 * so `http://a:1\@b:2/` is host a:1, not b:2. Validated and stored (and so shown) in this form.
 */
function normalizeUrl(s: string): string {
  try {
    return new URL(s).href.replace(/\/+$/, '');
  } catch {
    return s; // refused with a message below
  }
}

const HttpUrl = z
  .string()
  .max(2048)
  .transform(normalizeUrl)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'an absolute http(s) URL without credentials, e.g. https://api.selwise.com/api/v1');

/** The API address: https, or plain http only on this machine (the sandbox), never a token in clear. */
const ApiUrl = HttpUrl.refine((s) => {
  try {
    return isAllowedApiUrl(new URL(s));
  } catch {
    return true; // reported by HttpUrl
  }
}, 'use https:// (plain http is only allowed for 127.0.0.1 / localhost)');

export const AuthScheme = z.enum(['bearer', 'header']);
const HeaderName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name has letters, digits and "-" only');

/**
 * Which world a connection writes to, shown on every screen and in every write confirmation so
 * production is unmistakable. The embedded sandbox is always `sandbox`.
 */
export const Environment = z.enum(['production', 'staging', 'sandbox']);
export type Environment = z.infer<typeof Environment>;
/** The connection's colour in the header (a named palette: it must read in both themes). */
export const ConnectionColor = z.enum([
  'red',
  'orange',
  'yellow',
  'green',
  'blue',
  'purple',
  'grey',
]);
export type ConnectionColor = z.infer<typeof ConnectionColor>;
export const DEFAULT_COLOR: Record<Environment, ConnectionColor> = {
  production: 'red',
  staging: 'orange',
  sandbox: 'blue',
};

/** A connection profile as the renderer sees it: never the token, only whether one is stored. */
export const Connection = z.object({
  id: LocalId,
  name: z.string().min(1).max(80),
  kind: z.enum(['sandbox', 'remote']),
  environment: Environment,
  color: ConnectionColor,
  baseUrl: ApiUrl,
  authScheme: AuthScheme,
  authHeader: HeaderName.optional(),
  proxyUrl: HttpUrl.optional(),
  caFile: z.string().max(4096).optional(),
  hasToken: z.boolean(),
});
export type Connection = z.infer<typeof Connection>;

export const ConnectionInput = z
  .object({
    id: LocalId.optional(),
    name: z.string().trim().min(1, 'give the connection a name').max(80),
    /** Chosen when the connection is added; a remote connection saved without one is production. */
    environment: Environment.optional(),
    color: ConnectionColor.optional(),
    baseUrl: ApiUrl,
    authScheme: AuthScheme.default('bearer'),
    authHeader: HeaderName.optional(),
    proxyUrl: HttpUrl.optional(),
    caFile: z.string().max(4096).optional(),
    /** Write-only. Absent keeps the stored token; it is never returned by any call. */
    token: z.string().min(1).max(8192).optional(),
  })
  .refine((c) => c.authScheme !== 'header' || !!c.authHeader, {
    path: ['authHeader'],
    message: 'name the header that carries the token, e.g. x-api-key',
  });
export type ConnectionInput = z.input<typeof ConnectionInput>;

export const Site = z.object({
  id: LocalId,
  connectionId: LocalId,
  label: z.string().trim().min(1, 'give the site a label').max(80),
  siteId: SiteId,
});
export type Site = z.infer<typeof Site>;
export const SiteInput = Site.extend({ id: LocalId.optional() });

/** What the API answered when a site was checked before it was saved. */
export const SiteCheck = z.object({
  /** The integrations the API lists for the site (provider keys). */
  integrations: z.array(z.string()),
  checkedAt: z.string(),
  durationMs: z.number(),
});
export type SiteCheck = z.infer<typeof SiteCheck>;

export const ConnectionTestResult = z.object({
  ok: z.literal(true),
  integrations: z.number().int(),
  durationMs: z.number(),
});

export const connectionCalls = {
  'connections.list': call(z.object({}), z.array(Connection)),
  'connections.save': call(ConnectionInput, Connection),
  'connections.remove': call(z.object({ id: LocalId }), z.object({ removed: z.boolean() })),
  'connections.test': call(
    z.object({ connectionId: LocalId, siteId: SiteId }),
    ConnectionTestResult,
  ),
  'sites.list': call(z.object({}), z.array(Site)),
  /**
   * Saves a site. A new site (or a new site id) is checked against the API first, live: an id the
   * API does not know is refused with its answer, and the answer is returned (`checked`). Labels
   * are unique per connection.
   */
  'sites.save': call(SiteInput, Site.extend({ checked: SiteCheck.optional() })),
  'sites.remove': call(z.object({ id: LocalId }), z.object({ removed: z.boolean() })),
};

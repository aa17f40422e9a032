import { z } from 'zod';

/** Canonical provider keys. `gads` is preferred; `google_ads` is accepted on the wire as an alias. */
export const ProviderKey = z.enum(['ga4', 'meta', 'gads']);
export type ProviderKey = z.infer<typeof ProviderKey>;
export const PROVIDER_KEYS = ProviderKey.options;

/** What may appear as `:provider` in a path or a `provider` field: the alias folds into `gads`. */
export const ProviderParam = z
  .enum(['ga4', 'meta', 'gads', 'google_ads'])
  .transform((p): ProviderKey => (p === 'google_ads' ? 'gads' : p));

import { z } from 'zod';

/**
 * Identifiers that name files or map keys in main. The character set is closed so a hostile id
 * (`../x`, `__proto__`) is refused at the bridge, before any service sees it.
 */
export const LocalId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, "-" and "_" only')
  .refine((s) => !['__proto__', 'constructor', 'prototype'].includes(s), 'reserved name');

export const SiteId = z.uuid({ message: 'a site id is a UUID, e.g. 3f1c2a9e-…' });

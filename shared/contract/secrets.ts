import { z } from 'zod';

/** Secrets are write-only: reads return `••••` plus at most the last four characters. */
export const MASK_PREFIX = '••••';
export function maskSecret(value: string): string {
  return MASK_PREFIX + (value.length >= 12 ? value.slice(-4) : '');
}
export function isMasked(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(MASK_PREFIX);
}
export const SecretValue = z.string().min(1, 'a secret cannot be empty').max(2048);

import { shell } from 'electron';

/** Hosts an operator may be sent to from the app: provider and platform documentation. */
const ALLOWED_HOSTS = new Set([
  'docs.selwise.com',
  'selwise.com',
  'developers.google.com',
  'support.google.com',
  'developers.facebook.com',
  'www.facebook.com',
  'business.facebook.com',
  'ads.google.com',
  'analytics.google.com',
]);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && !u.username && !u.password && ALLOWED_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

/** The only way the app opens a link outside itself (lint bans shell.openExternal elsewhere). */
export async function openExternal(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}

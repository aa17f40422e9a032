/** The renderer's own origin under Electron; nothing else may be loaded in the window. */
export const APP_ORIGIN = 'app://ops';

/** In-window navigation: only our own app:// pages. Everything else is denied (Electron security checklist, item 13). */
export function isAllowedNavigation(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'ops';
  } catch {
    return false;
  }
}

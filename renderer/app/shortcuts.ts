import { useEffect } from 'react';
import { usePalette } from '../features/command-palette/palette-store';
import { useRefresh } from './refresh-store';
import { useRouter } from './router-store';
import { ROUTES } from './routes';

/** Typing in a field must never trigger a shortcut (the JSON editor's events retarget to its host). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    !!target.closest('.json-editor')
  );
}

/** Frame shortcuts: Ctrl/Cmd+K palette, `r` refresh, `?` help, `g <key>` navigation (within 1.5 s). */
export function useShortcuts(): void {
  useEffect(() => {
    let pendingG = 0;
    function onKey(e: KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        usePalette.getState().setOpen(true);
        return;
      }
      if (
        e.ctrlKey ||
        e.metaKey ||
        e.altKey ||
        isTyping(e.target) ||
        document.querySelector('dialog[open]')
      )
        return;
      if (pendingG && Date.now() - pendingG < 1500) {
        pendingG = 0;
        const route = ROUTES.find((r) => r.key === e.key);
        if (route) {
          e.preventDefault();
          useRouter.getState().navigate(route.path);
        }
        return;
      }
      if (e.key === 'g') pendingG = Date.now();
      else if (e.key === 'r') useRefresh.getState().bump();
      else if (e.key === '?') usePalette.getState().setHelp(true);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

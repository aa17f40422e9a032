/**
 * `/` and space for live log views, documented in the shortcuts help. The view that holds the
 * focus answers; with the focus elsewhere on the page, the first view on screen does. Typing in a
 * field, or space on a button or checkbox, keeps its usual meaning.
 */
export interface KeyedView {
  el: HTMLElement;
  focusSearch(): void;
  togglePause(): void;
}

const views: KeyedView[] = [];
let installed = false;

function typing(t: EventTarget | null): boolean {
  return (
    t instanceof HTMLElement &&
    (t.isContentEditable ||
      ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) ||
      !!t.closest('.json-editor'))
  );
}

/** Space belongs to whatever control has the focus, except the log list itself. */
function spaceIsOurs(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return true;
  if (t.getAttribute('role') === 'listbox') return true;
  return !t.closest('button, a, summary, [role="button"], [role="checkbox"], [role="separator"]');
}

function onKey(e: KeyboardEvent): void {
  if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
  if (e.key !== '/' && e.key !== ' ') return;
  if (document.querySelector('dialog[open]')) return;
  const active = document.activeElement;
  const view =
    views.find((v) => active instanceof Node && v.el.contains(active)) ??
    views.find((v) => v.el.isConnected);
  if (!view) return;
  if (e.key === '/') {
    e.preventDefault();
    view.focusSearch();
  } else if (spaceIsOurs(e.target)) {
    e.preventDefault();
    view.togglePause();
  }
}

export function registerView(v: KeyedView): () => void {
  views.push(v);
  if (!installed) {
    installed = true;
    window.addEventListener('keydown', onKey);
  }
  return () => {
    const i = views.indexOf(v);
    if (i >= 0) views.splice(i, 1);
  };
}

import { useEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

/** Marks our own document replacements so they are not reported back as operator edits. */
const External = Annotation.define<boolean>();

/**
 * Colours from the app's CSS variables (they inherit into the shadow root), so both themes work.
 * Tokens carry stable `tok-*` classes (classHighlighter).
 */
const appTheme = EditorView.theme({
  '&': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    fontSize: '12.5px',
    minHeight: '240px',
  },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--surface-2)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '&.cm-focused': { outline: '2px solid var(--focus)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.tok-propertyName': { color: 'var(--accent)' },
  '.tok-string': { color: 'var(--ok-text, var(--ok))' },
  '.tok-number, .tok-bool, .tok-null': { color: 'var(--test)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'var(--info-bg)',
  },
});

/**
 * CodeMirror 6, in its own lazy chunk, mounted in a shadow root: there style-mod uses
 * constructed stylesheets (adoptedStyleSheets), whereas on the document it would insert a
 * <style> element that the renderer's CSP (style-src 'self') blocks.
 */
export default function JsonCode({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange(text: string): void;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });

  useEffect(() => {
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const mount = document.createElement('div');
    shadow.replaceChildren(mount);
    const v = new EditorView({
      root: shadow,
      parent: mount,
      state: EditorState.create({
        doc: value,
        extensions: [
          appTheme,
          lineNumbers(),
          history(),
          bracketMatching(),
          json(),
          syntaxHighlighting(classHighlighter),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((t) => t.annotation(External)))
              latest.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
    // Created once; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Form edits regenerate the text: replace the document without echoing it back as a JSON edit.
  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value) return;
    v.dispatch({
      changes: { from: 0, to: v.state.doc.length, insert: value },
      annotations: External.of(true),
    });
  }, [value]);

  return <div ref={host} className="json-editor" data-testid="json-editor" />;
}

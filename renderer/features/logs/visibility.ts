import { call } from '../../bridge';

let installed = false;

/**
 * Tells main when the window is hidden so every tail slows down; installed once, on the first
 * tail, and reported right away so a tail started in a background tab starts slow.
 */
export function reportVisibility(): void {
  if (installed) return;
  installed = true;
  const send = () => void call('tail.visibility', { hidden: document.hidden });
  document.addEventListener('visibilitychange', send);
  send();
}

/**
 * Puts text on the clipboard; false when the browser refuses (no permission, not focused), so the
 * caller can show the text selected for Ctrl+C instead of failing silently.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

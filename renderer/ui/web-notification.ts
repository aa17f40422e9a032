/**
 * A desktop notification through the web Notification API (browser mode; under Electron main shows
 * native ones). Asks for permission the first time; a click brings the window to `hash`.
 */
export function showWebNotification(title: string, body: string, tag: string, hash: string): void {
  if (!('Notification' in window)) return;
  const show = () => {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      location.hash = hash;
    };
  };
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default')
    void Notification.requestPermission().then((p) => p === 'granted' && show());
}

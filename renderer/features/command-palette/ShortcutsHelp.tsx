import { ROUTES } from '../../app/routes';
import { Dialog } from '../../ui/Dialog';
import { LogKeysTable } from '../logs/LogKeysTable';

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <table className="table">
        <caption className="visually-hidden">Shortcuts</caption>
        <tbody>
          <tr>
            <th scope="row">
              <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>K</kbd>
            </th>
            <td>Command palette</td>
          </tr>
          <tr>
            <th scope="row">
              <kbd>r</kbd>
            </th>
            <td>Refresh the data on screen</td>
          </tr>
          <tr>
            <th scope="row">
              <kbd>?</kbd>
            </th>
            <td>This help</td>
          </tr>
          {ROUTES.map((r) => (
            <tr key={r.path}>
              <th scope="row">
                <kbd>g</kbd> then <kbd>{r.key}</kbd>
              </th>
              <td>Go to {r.label}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              <kbd>Esc</kbd>
            </th>
            <td>Close a dialog</td>
          </tr>
        </tbody>
      </table>
      <LogKeysTable />
    </Dialog>
  );
}

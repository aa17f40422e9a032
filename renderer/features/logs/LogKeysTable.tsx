/** The keys of live log views, shown in the shortcuts help (and in docs/logs.md). */
export const LOG_KEYS: [keys: string[], what: string][] = [
  [['/'], 'Focus the search of the log view'],
  [['Space'], 'Pause or resume the log view (not while a button has the focus)'],
  [['↑', '↓', 'Home', 'End'], 'Select a line (in the list)'],
  [['Esc'], 'Close the line detail'],
  [['m'], 'Mark or unmark the selected line'],
  [[']', '['], 'Next / previous marked line'],
  [['c'], 'Copy the selected line as JSON'],
  [['t'], 'Trace the selected line’s event across every destination'],
  [['←', '→'], 'Resize a column (on its handle; Shift for bigger steps, Home resets)'],
];

export function LogKeysTable() {
  return (
    <table className="table">
      <caption>Live logs</caption>
      <tbody>
        {LOG_KEYS.map(([keys, what]) => (
          <tr key={what}>
            <th scope="row">
              {keys.map((k, i) => (
                <span key={k}>
                  {i > 0 ? ' ' : ''}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </th>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

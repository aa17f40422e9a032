/** "1 regression", "3 regressions", "1 change", "0 changes": counts in words, always agreeing. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : pluralForm}`;
}

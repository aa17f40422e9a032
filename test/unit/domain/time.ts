/** `at` moved by `minutes` (fractions allowed). */
export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

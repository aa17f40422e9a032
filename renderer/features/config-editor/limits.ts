/**
 * Input lengths the form enforces as you type, the same as the wire schemas' limits
 * (shared/contract: event names 64, provider event names 100, filter fields 200, values 1000,
 * config values 500), so a 200,000-character paste can never reach a draft.
 */
export const MAX = {
  eventName: 64,
  providerEvent: 100,
  filterField: 200,
  filterValue: 1000,
  configValue: 500,
} as const;

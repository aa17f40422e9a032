import type { ProviderKey } from '../../../../shared/contract/providers';
import { ga4 } from './ga4';
import { gads } from './gads';
import { meta } from './meta';
import type { ProviderSim } from './types';

export const PROVIDERS: Record<ProviderKey, ProviderSim> = { ga4, meta, gads };
export type { ProviderSim, ProviderOutcome, Conditions, Diagnostic, SiteInfo } from './types';

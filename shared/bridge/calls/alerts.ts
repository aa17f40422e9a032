import { z } from 'zod';
import { Alert, AlertDelivery } from '../../domain/alerts/schema';
import { call } from '../define';
import { LocalId } from '../ids';

const ByConnection = z.object({ connectionId: LocalId });
const AlertRef = ByConnection.extend({ alertId: z.string().regex(/^alr-[a-z0-9-]{1,60}$/) });

export const OutboundInfo = z.object({ configured: z.boolean(), host: z.string().optional() });

export const AlertsView = z.object({
  /** Newest first. */
  alerts: z.array(Alert),
  openCount: z.number().int(),
  watch: z.object({
    watching: z.boolean(),
    sites: z.number().int(),
    everySec: z.number(),
    lastRoundAt: z.string().optional(),
    errors: z.array(z.object({ siteId: z.string(), label: z.string(), message: z.string() })),
  }),
});
export type AlertsView = z.infer<typeof AlertsView>;

export const alertsCalls = {
  /** The connection this window (or tab) shows: main watches every site of it. */
  'alerts.watch': call(ByConnection, z.object({ watching: z.array(z.string()) })),
  'alerts.list': call(ByConnection, AlertsView),
  'alerts.acknowledge': call(
    AlertRef.extend({ note: z.string().trim().max(500).optional() }),
    Alert,
  ),
  'alerts.resolve': call(AlertRef.extend({ note: z.string().trim().max(500).optional() }), Alert),
  /** Whether the connection has an outbound (Slack/Teams-compatible) webhook; never its URL. */
  'alerts.outbound': call(ByConnection, OutboundInfo),
  'alerts.setOutbound': call(
    ByConnection.extend({ url: z.string().trim().max(2048).url('an https:// address').nullable() }),
    OutboundInfo,
  ),
  /** Posts a test message to the connection's webhook and says how it went. */
  'alerts.testOutbound': call(ByConnection, AlertDelivery),
};

export const alertsEvents = {
  /** A new alert: a desktop notification (native under Electron, the web one in browser mode). */
  'alerts.raised': Alert,
  /** A connection's alerts changed: screens refetch, the window title shows `openCount`. */
  'alerts.changed': z.object({
    connectionId: z.string(),
    openCount: z.number().int(),
    /** The watch round this change comes from (absent for an acknowledgement or a resolve). */
    roundAt: z.string().optional(),
  }),
};

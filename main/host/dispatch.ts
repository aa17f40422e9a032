import {
  calls,
  isCallName,
  issuesFromZod,
  OpsFailure,
  type BridgeResult,
  type CallContext,
  type Handlers,
} from '../../shared/bridge';
import { MAX_JSON_DEPTH, valueDepth } from '../../shared/contract/json-depth';

/**
 * The deepest value a bridge call may take or give: room for API data at its own bound plus the
 * frames around it. Both transports serialize values recursively (JSON, structured clone), so a
 * deeper value would overflow their stack; it is refused here, before either sees it.
 */
export const BRIDGE_MAX_DEPTH = 2 * MAX_JSON_DEPTH;

/** Sanitised for the wire: internal errors never carry stacks, paths or tokens to the renderer. */
function internal(message: string): BridgeResult<never> {
  return { ok: false, error: { kind: 'internal', message } };
}

/**
 * The one place a bridge call is executed, whatever the transport (Electron IPC or browser-mode
 * WebSocket): the name must be in the table, the input must parse, else the handler never runs.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  input: unknown,
  ctx: CallContext,
  log: (message: string, error: unknown) => void = defaultLog,
): Promise<BridgeResult> {
  if (!isCallName(name)) {
    return {
      ok: false,
      error: { kind: 'validation', message: `Unknown bridge call "${String(name).slice(0, 80)}".` },
    };
  }
  const spec = calls[name];
  if (valueDepth(input, BRIDGE_MAX_DEPTH) > BRIDGE_MAX_DEPTH)
    return {
      ok: false,
      error: {
        kind: 'validation',
        message: `Invalid input for ${name}: nested deeper than ${BRIDGE_MAX_DEPTH} levels.`,
      },
    };
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        kind: 'validation',
        message: `Invalid input for ${name}: ${firstIssue(parsed.error.issues[0])}.`,
        issues: issuesFromZod(parsed.error),
      },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    const value = await handler(parsed.data, ctx);
    const out = spec.output.safeParse(value);
    if (!out.success) {
      log(`bridge output of ${name} does not match its schema`, out.error);
      return internal(`The app produced an invalid answer for ${name}; see the log.`);
    }
    if (valueDepth(out.data, BRIDGE_MAX_DEPTH) > BRIDGE_MAX_DEPTH) {
      log(`bridge output of ${name} is nested too deep to send`, undefined);
      return internal(`The answer of ${name} is nested too deeply to be shown; see the log.`);
    }
    return { ok: true, value: out.data };
  } catch (error) {
    if (error instanceof OpsFailure) return { ok: false, error: error.error };
    log(`bridge call ${name} failed`, error);
    return internal(`${name} failed unexpectedly. The details are in the app log.`);
  }
}

/** The first problem with the field it is about, so the message names what to fix. */
function firstIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'malformed';
  const path = issue.path.map(String).join('.');
  return path && !issue.message.startsWith(path) ? `${path}: ${issue.message}` : issue.message;
}

function defaultLog(message: string, error: unknown): void {
  console.error(`[bridge] ${message}:`, error instanceof Error ? error.message : error);
}

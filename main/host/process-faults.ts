/** Faults seen before the core can show them are kept (bounded) and shown once it can. */
const MAX_EARLY = 20;

export interface FaultReporter {
  /** From now on, faults are shown through `notify` (the ones seen so far first). */
  attach(notify: (message: string) => void): void;
  uninstall(): void;
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  try {
    return String(reason).slice(0, 300);
  } catch {
    return 'an unprintable value';
  }
}

/**
 * An unhandled rejection anywhere in main is a bug, but never a reason to end the process an
 * operator relies on mid-incident (Node's default is to exit): it is logged with its stack and
 * shown in the app as a notice, and main carries on. Installed first thing by both entries
 * (Electron and browser mode).
 */
export function installFaultHandlers(
  proc: NodeJS.EventEmitter = process,
  log: (line: string) => void = (line) => console.error(line),
): FaultReporter {
  const early: string[] = [];
  let notify: ((message: string) => void) | undefined;
  const show = (message: string) => {
    if (!notify) {
      if (early.length < MAX_EARLY) early.push(message);
      return;
    }
    try {
      notify(message);
    } catch (error) {
      log(`[main] could not show a fault notice: ${describe(error)}`);
    }
  };
  const onRejection = (reason: unknown) => {
    log(
      `[main] unhandled rejection: ${reason instanceof Error ? (reason.stack ?? describe(reason)) : describe(reason)}`,
    );
    show(
      `An internal operation failed and nothing handled it (${describe(reason)}). The app keeps running; the details are in its log.`,
    );
  };
  proc.on('unhandledRejection', onRejection);
  return {
    attach(fn) {
      notify = fn;
      for (const message of early.splice(0)) show(message);
    },
    uninstall() {
      proc.off('unhandledRejection', onRejection);
    },
  };
}

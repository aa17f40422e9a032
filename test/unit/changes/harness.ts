import { outsideWrite } from '../../fakes/outside-edit';
import { eventually } from '../../fakes/poll';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../main/core/app-core';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import { createConfBackend } from '../../../main/core/settings/conf-backend';
import { SettingsStore } from '../../../main/core/settings/settings-store';
import { EventHub } from '../../../main/host/event-hub';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../main/sandbox';
import {
  calls,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
} from '../../../shared/bridge';
import { foldChange, type ChangeState } from '../../../shared/domain/workflow';

/** A real core (every feature) on the embedded sandbox, in a temp folder that survives restarts. */
export class Harness {
  core!: Core;
  readonly events: { name: EventName; payload: unknown }[] = [];
  readonly dir = mkdtempSync(join(tmpdir(), 'changes-'));
  siteId = '';
  /** The embedded sandbox's token, for edits made outside the app (see outsidePut). */
  private sandboxToken = '';
  private api: RunningSandbox | undefined;
  private apiOptions: SandboxOptions | undefined;

  async open(opts: { monitorMinimumMinutes?: number; operatorName?: string } = {}): Promise<this> {
    const settings = await SettingsStore.open(this.dir, createConfBackend);
    const hub = new EventHub();
    hub.attach((name, payload) => this.events.push({ name, payload }));
    this.core = await createCore({
      identity: { version: 'test', mode: 'browser', dataDir: this.dir },
      settings,
      secrets: new MemorySecretStore(),
      emit: hub.emit,
      startSandbox: async (o) => {
        this.sandboxToken = o.token;
        this.apiOptions = { ...o, eventsPerSecond: 40, historyEvents: 400 };
        this.api = await startSandbox(this.apiOptions);
        return {
          url: this.api.url,
          siteIds: this.api.siteIds,
          close: () => this.api?.close() ?? Promise.resolve(),
        };
      },
    });
    this.siteId = this.core.sandbox!.siteIds[0]!;
    await this.call('settings.update', {
      monitorMinimumMinutes: opts.monitorMinimumMinutes ?? 0.05,
      operatorName: opts.operatorName ?? 'Ada Ops',
    });
    return this;
  }

  /** As the bridge does: input parsed, output checked. */
  async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const run = this.core.handlers[name] as (i: unknown, ctx: unknown) => Promise<unknown>;
    return calls[name].output.parse(
      await run(calls[name].input.parse(input), { client: 'test' }),
    ) as CallOutput<K>;
  }

  get site() {
    return { connectionId: 'sandbox', siteId: this.siteId };
  }

  /** The embedded sandbox's API token, for a colleague's tool writing outside the app. */
  get token(): string {
    return this.sandboxToken;
  }

  /** The API goes away (the sandbox process stops listening). */
  async stopApi(): Promise<void> {
    await this.api!.close();
  }

  /** The API comes back on the same address, with the same data. */
  async restartApi(): Promise<void> {
    const port = Number(new URL(this.api!.url).port);
    this.api = await startSandbox({ ...this.apiOptions!, port });
  }

  /** A PUT by someone else, straight to the API: the app neither sends nor sees it being sent. */
  async outsidePut(path: string, body: unknown, ifMatch?: string): Promise<void> {
    await outsideWrite({
      baseUrl: this.core.sandbox!.url,
      token: this.sandboxToken,
      method: 'PUT',
      path: `/sites/${this.siteId}/integrations${path}`,
      body,
      ifMatch,
    });
  }

  async puts(): Promise<number> {
    return (await this.call('diagnostics.list', {})).filter((d) => d.method === 'PUT').length;
  }

  async close(): Promise<void> {
    await this.core.close();
  }

  /** The folded state of a change, as the renderer sees it. */
  async state(changeId: string): Promise<ChangeState> {
    return foldChange((await this.call('changes.get', { changeId })).entries);
  }

  /** afterEach: stop the core (tolerating one that never opened) and remove its folder. */
  async dispose(): Promise<void> {
    await this.close().catch(() => undefined);
    this.cleanup();
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function until(fn: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  await eventually(fn, { timeoutMs: ms, what: 'the change to reach that state' });
}

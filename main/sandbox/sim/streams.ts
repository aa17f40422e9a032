import { LogRing } from './log-ring';
import { HealthWindow } from './health-window';

export interface Stream {
  ring: LogRing;
  window: HealthWindow;
}

/** One log ring + one health window per provider or webhook of a site, created on first use. */
export class Streams {
  private readonly map = new Map<string, Stream>();

  constructor(private readonly ringSize: number) {}

  static providerKey(siteId: string, provider: string): string {
    return `${siteId}/provider/${provider}`;
  }

  static webhookKey(siteId: string, webhookId: string): string {
    return `${siteId}/webhook/${webhookId}`;
  }

  get(key: string): Stream {
    let s = this.map.get(key);
    if (!s) {
      s = { ring: new LogRing(this.ringSize), window: new HealthWindow() };
      this.map.set(key, s);
    }
    return s;
  }

  /** A deleted webhook's stream goes; a provider's stays (logs outlive a DELETE + re-create). */
  drop(key: string): void {
    this.map.delete(key);
  }
}

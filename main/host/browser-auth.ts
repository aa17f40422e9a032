import { randomBytes } from 'node:crypto';
import { safeEqual } from '../base/safe-equal';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'ops_session';
const MAX_SESSIONS = 16;

/**
 * Browser mode's guard (README.md, "Browser mode"): a launch token that
 * is traded for a session cookie, a Host allow-list against DNS rebinding, and an Origin check on
 * anything that changes state or opens the bridge socket.
 */
export class BrowserGuard {
  readonly token = randomBytes(32).toString('base64url');
  /** The launch token is good for one exchange: a copy left in history or scrollback is useless. */
  private exchanged = false;
  private readonly sessions = new Set<string>();
  private port = 0;

  setPort(port: number): void {
    this.port = port;
  }

  allowedHosts(): string[] {
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`, `[::1]:${this.port}`];
  }

  hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host?.toLowerCase();
    return host !== undefined && this.allowedHosts().includes(host);
  }

  /** Exact origin match; a missing Origin counts as foreign for state-changing requests. */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin !== undefined && this.allowedHosts().some((h) => origin === `http://${h}`);
  }

  /** Checks and consumes the launch token: true once, for the first correct exchange only. */
  redeemToken(candidate: string | null): boolean {
    if (this.exchanged || candidate === null || !safeEqual(candidate, this.token)) return false;
    this.exchanged = true;
    return true;
  }

  openSession(): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.add(id);
    // Bounded: drop the oldest sessions rather than grow forever.
    while (this.sessions.size > MAX_SESSIONS)
      this.sessions.delete(this.sessions.values().next().value!);
    return id;
  }

  hasSession(req: IncomingMessage): boolean {
    const cookies = req.headers.cookie?.split(';') ?? [];
    for (const part of cookies) {
      const [name, ...rest] = part.trim().split('=');
      if (name === SESSION_COOKIE) {
        const value = rest.join('=');
        for (const id of this.sessions) if (safeEqual(id, value)) return true;
      }
    }
    return false;
  }

  sessionCookie(id: string): string {
    return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

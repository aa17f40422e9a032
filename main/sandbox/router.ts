import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
}
export type Handler = (ctx: RequestContext) => Promise<void> | void;

interface Route {
  method: string;
  segments: string[];
  literals: number;
  handler: Handler;
}

export type Match =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' };

/**
 * A tiny segment router. When several patterns match, the one with the most literal segments wins,
 * so `integrations/health` beats `integrations/:provider` whatever the registration order.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    const segments = pattern.split('/').filter(Boolean);
    this.routes.push({
      method,
      segments,
      literals: segments.filter((s) => !s.startsWith(':')).length,
      handler,
    });
    return this;
  }

  match(method: string, path: string): Match {
    const parts = path.split('/').filter(Boolean);
    let best: { route: Route; params: Record<string, string> } | undefined;
    const allow = new Set<string>();
    let bestAnyLiterals = -1;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      bestAnyLiterals = Math.max(bestAnyLiterals, route.literals);
      if (route.method !== method) continue;
      if (!best || route.literals > best.route.literals) best = { route, params };
    }
    // A more specific path matched with another method (PUT .../health): that is a 405, not a
    // fall-through to the `:provider` wildcard.
    if (best && best.route.literals >= bestAnyLiterals)
      return { kind: 'found', handler: best.route.handler, params: best.params };
    for (const route of this.routes) {
      if (route.literals === bestAnyLiterals && matchSegments(route.segments, parts))
        allow.add(route.method);
    }
    if (allow.size > 0) return { kind: 'method_not_allowed', allow: [...allow] };
    return { kind: 'not_found' };
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const v = parts[i] as string;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        return undefined;
      }
    } else if (p !== v) return undefined;
  }
  return params;
}

import { BROWSERS, PAGES, PRODUCTS, SEARCHES } from './catalog';
import type { Prng } from './prng';

export interface SimEvent {
  eventId: string;
  /** As it arrives: usually canonical, sometimes a GTM name the reverse mapping must fold back. */
  name: string;
  payload: Record<string, unknown>;
  timestamp: number;
}

/** Rough shape of shop traffic: many views, few purchases (about 1 in 25 events). */
const MIX = [
  ['page_view', 30],
  ['product_view', 18],
  ['category_view', 6],
  ['search_query', 8],
  ['add_to_cart', 9],
  ['remove_from_cart', 2],
  ['checkout_begin', 5],
  ['purchase', 4],
  ['user_signup', 1.5],
  ['user_login', 3],
  ['product_impression', 6],
  ['custom_event', 1],
] as const satisfies readonly (readonly [string, number])[];

/** Produces realistic canonical events (shared/contract/events.ts) for one site, from a seeded PRNG. */
export class EventGenerator {
  private counter = 0;
  /** Live traffic carries the shops' quirks; a platform's test sample does not (see `sample`). */
  private quirks = true;

  constructor(
    private readonly rng: Prng,
    private readonly site: { domain: string; currency: string },
  ) {}

  next(now: number, forced?: string): SimEvent {
    const name: string = forced ?? this.rng.weighted(MIX);
    const eventId = `evt_${now.toString(36)}_${(this.counter++).toString(36)}_${this.rng.hex(6)}`;
    const payload = this.payload(name);
    // A share of shops push GTM names into the data layer; the reverse mapping must fold them.
    let wireName = name;
    if (!forced && name === 'checkout_begin' && this.rng.chance(0.4)) wireName = 'begin_checkout';
    if (!forced && name === 'product_view' && this.rng.chance(0.2)) wireName = 'view_item';
    return { eventId, name: wireName, payload, timestamp: now };
  }

  /**
   * The sample a provider test sends: a well-formed event of that name, without the quirks of live
   * traffic (a missing click id, a pasted paragraph, a legacy theme's currency), so a test fails for
   * the configuration or the provider, never for one shopper's odd event.
   */
  sample(now: number, name: string): SimEvent {
    this.quirks = false;
    try {
      return this.next(now, name);
    } finally {
      this.quirks = true;
    }
  }

  private product() {
    return this.rng.pick(PRODUCTS);
  }

  private context() {
    // Most paid traffic carries a click id; the rest cannot be attributed (Google Ads CLICK_NOT_FOUND).
    const gclid = !this.quirks || this.rng.chance(0.99) ? `Cj0K${this.rng.hex(24)}` : undefined;
    return {
      ...(gclid ? { gclid } : {}),
      sessionId: `s_${this.rng.hex(12)}`,
      clientId: `${this.rng.int(100000000, 999999999)}.${this.rng.int(1700000000, 1790000000)}`,
      userAgent: this.rng.pick(BROWSERS),
      ip: `192.0.2.${this.rng.int(1, 254)}`,
    };
  }

  private basket() {
    const n = this.rng.int(1, 3);
    const products = Array.from({ length: n }, () => {
      const p = this.product();
      return { sku: p.sku, title: p.title, price: p.price, quantity: this.rng.int(1, 2) };
    });
    const total = Math.round(products.reduce((s, p) => s + p.price * p.quantity, 0) * 100) / 100;
    return { id: `b_${this.rng.hex(10)}`, products, total, currency: this.site.currency };
  }

  private payload(name: string): Record<string, unknown> {
    const ctx = this.context();
    const page = this.rng.pick(PAGES);
    const url = (path: string) => `https://${this.site.domain}${path}`;
    switch (name) {
      case 'page_view':
        return {
          context: ctx,
          page: {
            type: page.type,
            path: page.path,
            url: url(page.path),
            title: `Shop ${page.type}`,
          },
        };
      case 'category_view':
        return {
          context: ctx,
          entityId: 'camping/tents',
          metadata: { categoryPath: 'camping/tents' },
        };
      case 'product_view':
      case 'product_impression': {
        const p = this.product();
        return {
          context: ctx,
          product: {
            sku: p.sku,
            id: p.sku,
            title: p.title,
            price: p.price,
            currency: this.site.currency,
          },
        };
      }
      case 'search_query': {
        // About 1% of queries are pasted paragraphs: GA4 drops them silently (value > 100 chars).
        const query =
          this.quirks && this.rng.chance(0.01)
            ? `${this.rng.pick(SEARCHES)} `.repeat(20).trim()
            : this.rng.pick(SEARCHES);
        return { context: ctx, search: { query, results: this.rng.int(0, 60) } };
      }
      case 'add_to_cart':
      case 'remove_from_cart':
        return { context: ctx, basket: this.basket() };
      case 'checkout_begin':
        return { context: ctx, checkout: { step: 1 }, basket: this.basket() };
      case 'purchase': {
        const b = this.basket();
        // A legacy theme sends lower-case currency now and then: Meta rejects it, GA4 accepts it.
        const currency =
          this.quirks && this.rng.chance(0.02)
            ? this.site.currency.toLowerCase()
            : this.site.currency;
        return {
          context: ctx,
          order: { id: `ORD-${this.rng.digits(8)}`, total: b.total, currency, items: b.products },
          user: {
            id: `u_${this.rng.hex(8)}`,
            email: `customer${this.rng.int(1, 9999)}@example.com`,
          },
        };
      }
      case 'user_signup':
      case 'user_login':
        return {
          context: ctx,
          user: {
            id: `u_${this.rng.hex(8)}`,
            email: `customer${this.rng.int(1, 9999)}@example.com`,
            method: 'email',
          },
        };
      default:
        return { context: ctx, custom: { params: { name: 'newsletter_optin' } } };
    }
  }
}

import { z } from 'zod';

/** Canonical Selwise event names (the Integrations API documentation), with the family and minimum fields. */
export const CANONICAL_EVENTS = [
  { name: 'page_view', family: 'page', required: [['page.type', 'page.path']] },
  { name: 'virtual_page_view', family: 'page', required: [['page.path']] },
  { name: 'widget_view', family: 'page', required: [['custom.params.widgetId']] },
  { name: 'category_view', family: 'page', required: [['entityId', 'metadata.categoryPath']] },
  {
    name: 'product_view',
    family: 'product',
    required: [['product.sku', 'metadata.productItemCode']],
  },
  {
    name: 'product_click',
    family: 'product',
    required: [['product.sku', 'metadata.productItemCode']],
  },
  { name: 'product_impression', family: 'product', required: [['product.sku']] },
  { name: 'product_dwell_time', family: 'product', required: [['product.sku']] },
  { name: 'add_to_cart', family: 'cart', required: [['basket.products']] },
  { name: 'remove_from_cart', family: 'cart', required: [['basket.products']] },
  { name: 'update_cart', family: 'cart', required: [['basket.products']] },
  { name: 'cart_abandon', family: 'cart', required: [['basket.id']] },
  { name: 'cart_restore', family: 'cart', required: [['basket.id']] },
  { name: 'checkout_begin', family: 'checkout', required: [['checkout.step']] },
  { name: 'checkout_progress', family: 'checkout', required: [['checkout.step']] },
  {
    name: 'checkout_option',
    family: 'checkout',
    required: [['checkout.step'], ['checkout.option']],
  },
  { name: 'purchase', family: 'checkout', required: [['order.id'], ['order.total']] },
  { name: 'user_signup', family: 'user', required: [['user.id']] },
  { name: 'user_login', family: 'user', required: [['user.id']] },
  { name: 'user_logout', family: 'user', required: [['user.id']] },
  { name: 'user_update', family: 'user', required: [['user.id']] },
  { name: 'search_instant_open', family: 'search', required: [['event']] },
  { name: 'search_query', family: 'search', required: [['search.query']] },
  { name: 'search_filter', family: 'search', required: [['search.filters']] },
  { name: 'search_sort', family: 'search', required: [['search.sortBy']] },
  { name: 'search_page', family: 'search', required: [['search.page']] },
  { name: 'search_results', family: 'search', required: [['search.results']] },
  { name: 'search_zero_results', family: 'search', required: [] },
  { name: 'custom_event', family: 'custom', required: [] },
] as const satisfies readonly {
  name: string;
  family: string;
  /** Each inner list is "one of these paths"; every inner list must be satisfied. */
  required: readonly (readonly string[])[];
}[];

export type CanonicalEventName = (typeof CANONICAL_EVENTS)[number]['name'];
export const CANONICAL_EVENT_NAMES: CanonicalEventName[] = CANONICAL_EVENTS.map((e) => e.name);

/**
 * Event names as keys of mappings and filters. The API accepts any snake_case name (custom events
 * exist); `CANONICAL_EVENT_NAMES` is what the UI suggests.
 */
export const EventName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'event names are snake_case: lower-case letters, digits and "_"');

import type { EventMapping, ReverseEventMapping } from '../../shared/contract/integration';
import type { ProviderKey } from '../../shared/contract/providers';

/**
 * The providers' default mapping contracts (`GET .../:provider/mappings`), from the API documentation's
 * examples, completed with each provider's standard event names (GA4 recommended events, Meta
 * standard events, Google Ads conversion actions).
 */
export const DEFAULT_MAPPINGS: Record<ProviderKey, EventMapping> = {
  ga4: {
    page_view: 'page_view',
    category_view: 'view_item_list',
    product_view: 'view_item',
    product_click: 'select_item',
    add_to_cart: 'add_to_cart',
    remove_from_cart: 'remove_from_cart',
    checkout_begin: 'begin_checkout',
    checkout_progress: 'add_shipping_info',
    purchase: 'purchase',
    search_query: 'search',
    user_signup: 'sign_up',
    user_login: 'login',
  },
  meta: {
    page_view: 'PageView',
    product_view: 'ViewContent',
    add_to_cart: 'AddToCart',
    checkout_begin: 'InitiateCheckout',
    purchase: 'Purchase',
    search_query: 'Search',
    user_signup: 'CompleteRegistration',
  },
  gads: {
    add_to_cart: 'add_to_cart',
    checkout_begin: 'begin_checkout',
    purchase: 'purchase',
    user_signup: 'sign_up',
  },
};

/** GTM-style external names seen in the wild, folded back to canonical names. */
export const DEFAULT_REVERSE_MAPPING: ReverseEventMapping = {
  begin_checkout: 'checkout_begin',
  view_item: 'product_view',
  purchase: 'purchase',
  add_to_cart: 'add_to_cart',
};

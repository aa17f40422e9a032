/** A small believable product catalogue; prices in major units of the site currency. */
export const PRODUCTS = [
  { sku: 'NW-TENT-2P', title: 'Fjell 2-person tent', price: 349.0, category: 'camping/tents' },
  {
    sku: 'NW-BAG-M20',
    title: 'Polar -20 sleeping bag',
    price: 229.9,
    category: 'camping/sleeping',
  },
  { sku: 'NW-JKT-GTX', title: 'Storm shell jacket', price: 279.0, category: 'apparel/jackets' },
  { sku: 'NW-BOOT-42', title: 'Trail hiking boots', price: 159.5, category: 'footwear/hiking' },
  { sku: 'NW-PACK-45', title: 'Ridge 45L backpack', price: 189.0, category: 'packs/trekking' },
  { sku: 'NW-LAMP-300', title: 'Headlamp 300 lm', price: 39.9, category: 'gear/lights' },
  { sku: 'NW-BTL-1L', title: 'Steel bottle 1 L', price: 24.5, category: 'gear/hydration' },
  { sku: 'NW-SOCK-3', title: 'Merino socks (3 pack)', price: 29.0, category: 'apparel/socks' },
] as const;

export const SEARCHES = [
  'tent',
  'sleeping bag',
  'gore-tex jacket',
  'hiking boots 42',
  'headlamp',
  'merino',
  'backpack 45l',
  'stove',
];
export const PAGES = [
  { type: 'home', path: '/' },
  { type: 'category', path: '/c/camping' },
  { type: 'category', path: '/c/apparel' },
  { type: 'content', path: '/journal/packing-list' },
  { type: 'cart', path: '/cart' },
] as const;
export const BROWSERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
];

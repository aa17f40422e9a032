/** Word lists for believable shop names; combined, they give hundreds of distinct sites. */
export const FIRST_WORDS = [
  'Alpen',
  'Birch',
  'Cobalt',
  'Dune',
  'Ember',
  'Fjord',
  'Granite',
  'Harbor',
  'Iris',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Meadow',
  'Nimbus',
  'Oak',
  'Pebble',
  'Quarry',
  'Rowan',
  'Saffron',
  'Tundra',
  'Umber',
  'Velvet',
  'Willow',
  'Yarrow',
  'Zephyr',
] as const;

export const SECOND_WORDS = [
  'Coffee',
  'Books',
  'Cycles',
  'Outfitters',
  'Ceramics',
  'Tea House',
  'Pet Supply',
  'Garden',
  'Audio',
  'Kitchen',
  'Optics',
  'Toys',
  'Apparel',
  'Home',
] as const;

/** Currencies a European/US agency meets; JPY has no minor unit, which providers must accept. */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'PLN', 'DKK', 'CAD', 'JPY'] as const;

export const TLDS = ['example', 'example.com', 'example.org', 'example.net'] as const;

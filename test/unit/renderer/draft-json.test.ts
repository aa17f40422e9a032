import { describe, expect, it } from 'vitest';
import { fromBody, newId, toBody } from '../../../renderer/features/config-editor/draft';
import { draftJson } from '../../../renderer/features/config-editor/draft-json';
import { duplicateKeys } from '../../../renderer/features/config-editor/duplicate-keys';
import { validateDraft, validateJson } from '../../../renderer/features/config-editor/validate';

const body = {
  enabled: true,
  testMode: false,
  config: { measurementId: 'G-ABC12345', apiSecret: '••••1234' },
  eventMapping: { purchase: 'purchase', add_to_cart: 'add_to_cart' },
  reverseEventMapping: {},
  eventFilters: {},
};

describe('Raw JSON never hides a duplicate row', () => {
  it('shows both rows of a duplicated mapping key and reports it as an error', () => {
    const d = fromBody(body);
    d.mapping.push({ id: newId(), key: 'purchase', value: 'Purchase_v2' });
    const text = draftJson(d);
    expect(text.match(/"purchase":/g)).toHaveLength(2);
    expect(text).toContain('"Purchase_v2"');
    const issues = validateJson('ga4', text).issues;
    expect(issues).toContainEqual({
      path: 'eventMapping.purchase',
      message: '"purchase" appears twice in this object; JSON keeps only the last one',
    });
    // The form says the same in its own words.
    expect(validateDraft('ga4', d).some((i) => i.path === 'eventMapping.purchase')).toBe(true);
  });

  it('without duplicates the text is exactly the wire object', () => {
    const d = fromBody(body);
    expect(JSON.parse(draftJson(d))).toEqual(toBody(d));
    expect(duplicateKeys(draftJson(d))).toEqual([]);
  });

  it('finds duplicates at any depth, and ignores braces and commas inside strings', () => {
    expect(duplicateKeys('{"a":1,"b":{"x":"{,}","x":2},"a":3}')).toEqual([
      { path: 'b.x', message: '"x" appears twice in this object; JSON keeps only the last one' },
      { path: 'a', message: '"a" appears twice in this object; JSON keeps only the last one' },
    ]);
    expect(duplicateKeys('[{"k":1},{"k":2}]')).toEqual([]);
  });
});

describe('one error style: plain words, never zod defaults', () => {
  it('explains a wrong type and a missing field in plain words', () => {
    const d = fromBody({ ...body, config: { measurementId: 42 } });
    const messages = validateDraft('ga4', d).map((i) => i.message);
    expect(messages.join(' | ')).not.toMatch(/Invalid input|expected string|received/);
    const json = validateJson('ga4', JSON.stringify({ ...body, enabled: 'yes' })).issues;
    expect(json).toContainEqual({ path: 'enabled', message: 'must be true or false' });
  });
});

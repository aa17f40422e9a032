import { expect, it } from 'vitest';
import { parseSiteList } from '../../../shared/domain/fleet/site-list';

it('reads pasted ids, CSV with a header, quotes, semicolons, tabs, comments and a BOM', () => {
  const id = '3f1c2a9e-8b7d-4c6e-9f10-1234567890ab';
  expect(parseSiteList(`${id}\n\n  ${id.toUpperCase()}  \n`)).toEqual([
    { line: 1, siteId: id, label: '' },
    { line: 3, siteId: id.toUpperCase(), label: '' },
  ]);
  expect(
    parseSiteList(
      `\uFEFFsite id,label\r\n${id},"Alpen Coffee, EU"\r\n# retired\r\nbad,"He said ""hi"""`,
    ),
  ).toEqual([
    { line: 2, siteId: id, label: 'Alpen Coffee, EU' },
    { line: 4, siteId: 'bad', label: 'He said "hi"' },
  ]);
  expect(parseSiteList(`siteId;label\n${id};Shop; Berlin`)).toEqual([
    { line: 2, siteId: id, label: 'Shop Berlin' },
  ]);
  expect(parseSiteList(`${id}\tTab shop`)).toEqual([{ line: 1, siteId: id, label: 'Tab shop' }]);
});

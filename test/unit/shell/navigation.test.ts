import { describe, expect, it } from 'vitest';
import { isAllowedNavigation } from '../../../main/electron/navigation';
import { isAllowedExternalUrl } from '../../../main/electron/open-external';

describe('navigation guard', () => {
  it.each([
    ['app://ops/index.html', true],
    ['app://ops/#/overview', true],
    ['app://evil/index.html', false],
    ['file:///etc/passwd', false],
    ['https://docs.selwise.com/', false],
    ['http://127.0.0.1:3000/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['not a url', false],
    ['', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });
});

describe('openExternal allow-list', () => {
  it.each([
    ['https://docs.selwise.com/integrations/ga4', true],
    ['https://developers.facebook.com/docs/marketing-api/conversions-api', true],
    ['http://docs.selwise.com/', false],
    ['https://docs.selwise.com.evil.example/', false],
    ['https://user:pass@docs.selwise.com/', false],
    ['file:///etc/passwd', false],
    ['https://evil.example/', false],
    ['javascript:alert(1)', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

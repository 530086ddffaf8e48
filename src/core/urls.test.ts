import { describe, expect, it } from 'vitest';
import { absoluteUrl, basePathOf, withBase } from './urls.ts';

describe('basePathOf', () => {
  it.each([
    [undefined, '/'],
    ['https://postmortems.example.com', '/'],
    ['https://postmortems.example.com/', '/'],
    ['https://acme.github.io/postmortems/', '/postmortems'],
    ['https://acme.github.io/postmortems', '/postmortems'],
    ['https://intranet.example/sre/postmortems//', '/sre/postmortems'],
    ['http://localhost:4321/kb/', '/kb'],
  ])('%s → %s', (url, base) => {
    expect(basePathOf(url)).toBe(base);
  });
});

describe('withBase', () => {
  it.each([
    ['/', '/', '/'],
    ['/', '/incidents/INC-1/', '/incidents/INC-1/'],
    ['/kb', '/', '/kb/'],
    ['/kb/', '/', '/kb/'],
    ['/kb', '/incidents/INC-1/', '/kb/incidents/INC-1/'],
    ['/kb/', '/api/incidents.json', '/kb/api/incidents.json'],
    ['/a/b', '/_media/x.png', '/a/b/_media/x.png'],
  ])('base %s, path %s → %s', (base, path, url) => {
    expect(withBase(base, path)).toBe(url);
  });

  it('refuses a path that is not a site path', () => {
    expect(() => withBase('/kb', 'incidents/')).toThrow(/starts with "\/"/);
  });
});

describe('absoluteUrl', () => {
  it.each([
    ['https://postmortems.example.com', '/', '/incidents/', 'https://postmortems.example.com/incidents/'],
    ['https://acme.github.io/postmortems/', '/postmortems', '/incidents/INC-1/', 'https://acme.github.io/postmortems/incidents/INC-1/'],
    ['https://acme.github.io/postmortems/', '/postmortems', '/', 'https://acme.github.io/postmortems/'],
  ])('%s + %s + %s', (site, base, path, url) => {
    expect(absoluteUrl(site, base, path)).toBe(url);
  });
});

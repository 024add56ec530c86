// The bundles' stand-in for linkify-it (lib/bundle-shims/lazy-linkify-it.mjs) must find the links a real one
// configured the same way finds, once something asks it to.
import linkifyIt from 'linkify-it';
import { describe, expect, it } from 'vitest';
import lazyLinkifyIt from '../../lib/bundle-shims/lazy-linkify-it.mjs';

const configure = (linkify: ReturnType<typeof linkifyIt>) =>
  linkify.tlds('onion', true).add('git:', 'http:').add('ftp:', null).set({ fuzzyIP: true, fuzzyLink: true, fuzzyEmail: true });

describe("the bundles' lazy linkify-it", () => {
  it('finds the same links as linkify-it configured the same way, configuration replayed on first use', () => {
    const text = 'The boiler report is at git://example.org/repo, ftp://example.org/x and hidden.onion; call 10.0.0.1 or write to repairs@example.org';

    const lazy = configure(lazyLinkifyIt());

    expect(lazy.test(text)).toBe(true);
    expect(lazy.match(text)?.map((m) => m.url)).toEqual(configure(linkifyIt()).match(text)?.map((m) => m.url));
  });
});

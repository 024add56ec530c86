import { describe, expect, it } from 'vitest';
import { onFirstUse } from '../../src/first-use.ts';

describe('a module loaded on first use (the SSM client, the Cognito verifier, the classifier)', () => {
  it('is kept once loaded, and forgotten when loading failed so the next call tries again', async () => {
    let attempts = 0;
    const load = onFirstUse(() => (attempts++ === 0 ? Promise.reject(new Error('chunk not read')) : Promise.resolve('loaded')));

    await expect(load()).rejects.toThrow('chunk not read');
    expect(await load()).toBe('loaded');
    expect(await load()).toBe('loaded');
    expect(attempts).toBe(2);
  });
});

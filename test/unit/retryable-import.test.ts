import { describe, expect, it } from 'vitest';
import { retryable } from '../../src/wiring.ts';

describe('a module loaded on first use (the SSM client, the Cognito verifier)', () => {
  it('is kept once loaded, and forgotten when loading failed so the next call tries again', async () => {
    let cached: Promise<string> | undefined;
    let attempts = 0;
    const load = () => (cached ??= retryable(attempts++ === 0 ? Promise.reject(new Error('chunk not read')) : Promise.resolve('loaded'), () => (cached = undefined)));

    await expect(load()).rejects.toThrow('chunk not read');
    expect(await load()).toBe('loaded');
    expect(await load()).toBe('loaded');
    expect(attempts).toBe(2);
  });
});

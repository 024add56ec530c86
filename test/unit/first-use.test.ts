import { describe, expect, it, vi } from 'vitest';
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

describe('a file required on first use (the stand-ins in lib/bundle-shims)', () => {
  it('loads on the first call only, and keeps what it loaded', () => {
    const load = vi.fn(() => ({ loaded: true }));

    const get = onFirstUse(load);

    expect(load).not.toHaveBeenCalled();
    expect(get()).toBe(get());
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a load that failed', () => {
    const load = vi.fn().mockImplementationOnce(() => { throw new Error('not there yet'); }).mockReturnValue('there');
    const get = onFirstUse(load);

    expect(get).toThrow('not there yet');
    expect(get()).toBe('there');
  });
});

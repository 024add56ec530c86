import { describe, expect, it, vi } from 'vitest';
import { onFirstUse, portOnFirstUse } from '../../src/first-use.ts';

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

describe('a port whose adapter is imported on first use (Step Functions, EventBridge Scheduler)', () => {
  interface Clock { start(run: string): Promise<string>; stop(run: string): Promise<'stopped'> }

  it('imports the adapter at the first call, not before, once, and calls each method on it with its arguments', async () => {
    const calls: string[] = [];
    const load = vi.fn(async (): Promise<Clock> => ({
      start: async (run) => (calls.push(`start ${run}`), `started ${run}`),
      stop: async (run) => (calls.push(`stop ${run}`), 'stopped'),
    }));
    const port = portOnFirstUse(load, ['start', 'stop']);

    expect(load).not.toHaveBeenCalled();
    expect(await Promise.all([port.start('C-1'), port.stop('C-1')])).toEqual(['started C-1', 'stopped']);
    expect(await port.start('C-2')).toBe('started C-2');
    expect(load).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['start C-1', 'stop C-1', 'start C-2']);
  });

  it('answers a call with the failed import, and imports again at the next', async () => {
    const load = vi.fn<() => Promise<Clock>>()
      .mockRejectedValueOnce(new Error('chunk not read'))
      .mockResolvedValue({ start: async () => 'started', stop: async () => 'stopped' });
    const port = portOnFirstUse(load, ['start', 'stop']);

    await expect(port.start('C-1')).rejects.toThrow('chunk not read');
    expect(await port.start('C-1')).toBe('started');
    expect(load).toHaveBeenCalledTimes(2);
  });
});

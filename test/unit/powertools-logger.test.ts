// The Logger port on Powertools, as the functions log: an error's fields reach the line written, none dropped.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorFields } from '../../src/adapters/logging/error-fields.ts';
import { powertoolsLogger } from '../../src/adapters/logging/powertools-logger.ts';
import { RESERVED_LOG_FIELDS } from '../../src/ports.ts';
import { MemoryLogger } from '../support/local-redress.ts';

afterEach(() => vi.restoreAllMocks());

/** The JSON lines a Powertools logger writes while `log` runs (warnings and errors to stderr, as console does). */
function written(log: () => void): Record<string, unknown>[] {
  const chunks: string[] = [];
  for (const stream of [process.stdout, process.stderr]) vi.spyOn(stream, 'write').mockImplementation((chunk) => (chunks.push(String(chunk)), true));
  log();
  return chunks.join('').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the Powertools logger', () => {
  it("writes an error's name and masked message with the line's own message, and no warning about a dropped key", () => {
    const logger = powertoolsLogger({ serviceName: 'redress-test' });
    const lines = written(() => logger.error('request failed', { ...errorFields(new TypeError('no case for ann@example.org')), route: '/api/cases' }));

    expect(lines).toEqual([expect.objectContaining({ level: 'ERROR', message: 'request failed', error: 'TypeError', errorMessage: 'no case for <address>', route: '/api/cases' })]);
  });

  it('reserves the keys Powertools writes itself, which the test logger refuses', () => {
    const logger = powertoolsLogger({ serviceName: 'redress-test' });
    const lines = written(() => logger.warn('with a reserved key', Object.fromEntries(RESERVED_LOG_FIELDS.map((key) => [key, 'mine']))));

    expect(lines.filter((l) => String(l.message).includes('is a reserved key and will be dropped'))).toHaveLength(RESERVED_LOG_FIELDS.length);
    expect(() => new MemoryLogger().error('request failed', { message: 'lost' })).toThrow('fields Powertools would drop: message');
  });
});

import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import { lazySchema } from '../../src/core/lazy-schema.ts';

const buildCase = () => z.object({ caseRef: z.string().regex(/^C-[0-9A-Z]{8}$/), stage: z.enum(['stage-1', 'stage-2']), note: z.string().trim().min(1).optional() });

/** A lazy schema and a counter of how many times it was built. */
function counted() {
  let builds = 0;
  const schema = lazySchema(() => {
    builds++;
    return buildCase();
  });
  return { schema, builds: () => builds };
}

describe('a schema built on first use (lazySchema)', () => {
  it('is not built until something touches it, and then only once', () => {
    const { schema, builds } = counted();
    expect(builds()).toBe(0);
    // Composing it into another schema stores it without building it.
    const list = z.array(schema);
    expect(builds()).toBe(0);

    expect(schema.parse({ caseRef: 'C-7K2M9Q4T', stage: 'stage-1' })).toEqual({ caseRef: 'C-7K2M9Q4T', stage: 'stage-1' });
    expect(list.parse([{ caseRef: 'C-7K2M9Q4T', stage: 'stage-2', note: ' late ' }])).toEqual([{ caseRef: 'C-7K2M9Q4T', stage: 'stage-2', note: 'late' }]);
    schema.safeParse({});
    expect(Object.keys(schema.shape)).toEqual(['caseRef', 'stage', 'note']);
    expect(builds()).toBe(1);
  });

  it('parses and refuses exactly as the schema built eagerly does, issues and messages included', () => {
    const eager = buildCase();
    const { schema } = counted();
    for (const input of [{ caseRef: 'C-7K2M9Q4T', stage: 'stage-2', note: '  x ' }, { caseRef: 'nope', stage: 'stage-3' }, { note: '' }, null, 'C-7K2M9Q4T']) {
      const a = eager.safeParse(input);
      const b = schema.safeParse(input);
      expect(b.success).toBe(a.success);
      expect(b.data).toEqual(a.data);
      expect(b.error?.issues).toEqual(a.error?.issues);
    }
    const thrown = (parse: () => unknown) => { try { parse(); } catch (error) { return error; } return undefined; };
    const fromLazy = thrown(() => schema.parse({ caseRef: 'nope' }));
    expect(fromLazy).toBeInstanceOf(z.ZodError);
    expect((fromLazy as Error).message).toBe((thrown(() => eager.parse({ caseRef: 'nope' })) as Error).message);
  });

  it('is still the schema for instanceof, .shape, .extend, spreading its shape and z.infer', () => {
    const { schema } = counted();
    expect(schema instanceof z.ZodObject).toBe(true);
    expect(schema instanceof z.ZodString).toBe(false);
    const extended = schema.extend({ officer: z.string().min(1) });
    expect(extended.parse({ caseRef: 'C-7K2M9Q4T', stage: 'stage-1', officer: 'Sam' })).toEqual({ caseRef: 'C-7K2M9Q4T', stage: 'stage-1', officer: 'Sam' });
    const spread = z.object({ kind: z.literal('x'), ...schema.shape });
    expect(spread.safeParse({ kind: 'x', caseRef: 'C-7K2M9Q4T', stage: 'stage-1' }).success).toBe(true);
    expect(schema.optional().parse(undefined)).toBeUndefined();
    expect(z.discriminatedUnion('stage', [schema, z.object({ stage: z.literal('none') })]).parse({ stage: 'none' })).toEqual({ stage: 'none' });

    expectTypeOf<z.infer<typeof schema>>().toEqualTypeOf<z.infer<ReturnType<typeof buildCase>>>();
    expectTypeOf(schema).toEqualTypeOf<ReturnType<typeof buildCase>>();
  });

  it('tries the build again on the next use when building threw', () => {
    let attempts = 0;
    const schema = lazySchema(() => {
      if (attempts++ === 0) throw new Error('not yet');
      return z.string();
    });
    expect(() => schema.parse('a')).toThrow('not yet');
    expect(schema.parse('a')).toBe('a');
    expect(attempts).toBe(2);
  });
});

// Real SES drops a templated letter, after accepting it, when its TemplateData lacks a variable the template names
// (a Rendering Failure), even one only tested by `{{#if}}`. A letter's optional fields are absent when unused, so the
// data sent to SES carries each of them as null: null renders as absent does (falsy in `{{#if}}`, empty in
// `{{{x}}}`), so SES's letter stays the same as the copy Redress keeps.
import type * as z from 'zod';
import { LETTER_SCHEMAS, LetterNameSchema } from '../../letters/catalogue.ts';

type Def = { type: string; in?: z.ZodType; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema a value is checked against, without the wrappers that do not change its shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) return unwrap(def.innerType);
  return schema;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `value` with every field `schema` lets be left out, and that was, set to null, at every depth. */
function withNulls(schema: z.ZodType, value: unknown): unknown {
  const def = defOf(unwrap(schema));
  if (def.type === 'object' && def.shape && isRecord(value)) {
    const out: Record<string, unknown> = { ...value };
    for (const [key, field] of Object.entries(def.shape)) {
      out[key] = out[key] === undefined ? (field.safeParse(undefined).success ? null : undefined) : withNulls(field, out[key]);
      if (out[key] === undefined) delete out[key];
    }
    return out;
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) return value.map((item) => withNulls(def.element!, item));
  return value;
}

/**
 * The TemplateData to send SES for a letter: its data and its escaped copy `h`, each optional field that is absent
 * set to null. A template that is not one of Redress's letters is sent as it is.
 */
export function sesTemplateData(template: string, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const letter = LetterNameSchema.safeParse(template);
  if (!letter.success) return { ...data };
  const schema: z.ZodType = LETTER_SCHEMAS[letter.data];
  const completed = withNulls(schema, data) as Record<string, unknown>;
  return isRecord(data.h) ? { ...completed, h: withNulls(schema, data.h) } : completed;
}

// Valid inputs derived from a contract schema: a fast-check arbitrary built by walking the zod
// schema (objects, strings, numbers, booleans, enums, arrays, optional, nullable) and reading its
// checks (lengths, bounds, integer, email), so every field the contract names - a new one included -
// gets a value its schema accepts. A schema shape this walker does not know throws, naming the path,
// rather than quietly producing inputs that never pass validation. Each leaf is filtered through its
// own schema, so what comes out parses (the fuzz test checks that too).
import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Arbitraries to use instead of the derived one for a key, wherever it appears (e.g. no real network).
 * Their values must be valid for that key's schema; they are not filtered (an override that can never
 * be valid would loop forever in a filter), the fuzz test's sample check catches one that is not.
 */
export type KeyOverrides = Record<string, fc.Arbitrary<unknown>>;

interface Check {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number | bigint;
  inclusive?: boolean;
  format?: string;
}

interface Def {
  type: string;
  checks?: { _zod: { def: Check } }[];
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Check[] => (def.checks ?? []).map((c) => c._zod.def);

/** Longest string generated for a field (the schemas' own maxima are reached by the hostile inputs). */
const STRING_CAP = 80;

function stringArbitrary(schema: z.ZodType, checks: Check[]): fc.Arbitrary<unknown> {
  let min = 0;
  let max = STRING_CAP;
  let email = false;
  for (const c of checks) {
    if (c.check === 'min_length' && c.minimum !== undefined) min = Math.max(min, c.minimum);
    else if (c.check === 'max_length' && c.maximum !== undefined) max = Math.min(max, c.maximum);
    else if (c.check === 'string_format' && c.format === 'email') email = true;
    else if (c.check === 'string_format') throw new Error(`string format ${c.format ?? '?'}`);
  }
  const base = email
    ? fc.oneof(fc.constant('nobody@example.com'), fc.emailAddress())
    : fc.string({ minLength: min, maxLength: Math.max(min, max) });
  return base.filter((v) => schema.safeParse(v).success);
}

function numberArbitrary(schema: z.ZodType, checks: Check[]): fc.Arbitrary<unknown> {
  let int = false;
  let min = -(2 ** 31);
  let max = 2 ** 31;
  for (const c of checks) {
    const v = Number(c.value);
    if (c.check === 'number_format') int = c.format === 'safeint' || c.format === 'int32' || int;
    else if (c.check === 'greater_than')
      min = Math.max(min, c.inclusive ? v : v + (int ? 1 : Number.EPSILON));
    else if (c.check === 'less_than') max = Math.min(max, c.inclusive ? v : v - (int ? 1 : Number.EPSILON));
  }
  const base = int
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return base.filter((v) => schema.safeParse(v).success);
}

/** An arbitrary whose every value `schema` accepts. Throws on a schema shape it does not know. */
export function validArbitrary(
  schema: z.ZodType,
  overrides: KeyOverrides = {},
  path = '(input)',
): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const required = Object.keys(shape).filter((k) => defOf(shape[k]!).type !== 'optional');
      const fields = Object.fromEntries(
        Object.entries(shape).map(([key, field]) => {
          const own = overrides[key];
          const inner = defOf(field).type === 'optional' ? defOf(field).innerType! : field;
          return [key, own ?? validArbitrary(inner, overrides, `${path}.${key}`)];
        }),
      );
      return fc.record(fields, { requiredKeys: required });
    }
    case 'string':
      return stringArbitrary(schema, checksOf(def));
    case 'number':
      return numberArbitrary(schema, checksOf(def));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'optional':
      return fc.option(validArbitrary(def.innerType!, overrides, path), { nil: undefined });
    case 'nullable':
      return fc.option(validArbitrary(def.innerType!, overrides, path), { nil: null });
    case 'array': {
      let minLength = 0;
      let maxLength = 10;
      for (const c of checksOf(def)) {
        if (c.check === 'min_length' && c.minimum !== undefined) minLength = Math.max(minLength, c.minimum);
        if (c.check === 'max_length' && c.maximum !== undefined) maxLength = Math.min(maxLength, c.maximum);
      }
      return fc.array(validArbitrary(def.element!, overrides, `${path}[]`), { minLength, maxLength });
    }
    default:
      throw new Error(`validArbitrary: no generator for ${path} (zod type "${def.type}")`);
  }
}

/**
 * A plain checker compiled once from an evidence schema, so the check every finding passes
 * (at 1M applications, ~790k of them) is a few typeof tests rather than a zod parse. It only
 * ever accepts what zod would accept: forms it cannot read make no checker (null), and a value it
 * rejects goes back to zod, which gives the verdict and words the message.
 */
import type { z } from 'zod';

export type ValueCheck = (value: unknown) => boolean;
/** Accepts an evidence object whose keys are already known to be declared. */
export type ObjectCheck = (evidence: Record<string, unknown>) => boolean;

interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly check: string; readonly format?: string } } }[];
  readonly innerType?: unknown;
  readonly element?: unknown;
  readonly options?: readonly unknown[];
  readonly shape?: Readonly<Record<string, unknown>>;
}

function defOf(schema: unknown): Def | null {
  if (typeof schema !== 'object' || schema === null) return null;
  const zod = (schema as { _zod?: { def?: unknown } })._zod;
  const def = zod?.def;
  return typeof def === 'object' && def !== null && typeof (def as { type?: unknown }).type === 'string' ? (def as Def) : null;
}

const isString: ValueCheck = (v) => typeof v === 'string';
const isBoolean: ValueCheck = (v) => typeof v === 'boolean';
const isNull: ValueCheck = (v) => v === null;
// zod 4's z.number() refuses NaN and the infinities; .int() is its safe-integer format.
const isFiniteNumber: ValueCheck = (v) => typeof v === 'number' && Number.isFinite(v);
const isSafeInteger: ValueCheck = (v) => Number.isSafeInteger(v);

/** The checker of one value schema, or null when the schema uses a form this does not read. */
export function compileValueCheck(schema: unknown): ValueCheck | null {
  const def = defOf(schema);
  if (def === null) return null;
  const checks = def.checks ?? [];
  switch (def.type) {
    case 'string':
      return checks.length === 0 ? isString : null;
    case 'boolean':
      return checks.length === 0 ? isBoolean : null;
    case 'null':
      return isNull;
    case 'number': {
      if (checks.length === 0) return isFiniteNumber;
      const only = checks.length === 1 ? checks[0]!._zod.def : null;
      return only !== null && only.check === 'number_format' && only.format === 'safeint' ? isSafeInteger : null;
    }
    case 'enum': {
      // zod's own set of allowed values, not the def's entries: a TypeScript numeric enum's
      // entries hold its reverse mapping ('A' beside 0), which zod refuses.
      const values = (schema as { _zod: { values?: unknown } })._zod.values;
      return values instanceof Set ? (v) => values.has(v) : null;
    }
    case 'nullable': {
      const inner = compileValueCheck(def.innerType);
      return inner === null ? null : (v) => v === null || inner(v);
    }
    case 'optional': {
      const inner = compileValueCheck(def.innerType);
      return inner === null ? null : (v) => v === undefined || inner(v);
    }
    case 'array': {
      if (checks.length > 0) return null;
      const element = compileValueCheck(def.element);
      if (element === null) return null;
      // An index loop, not every(): every() skips the holes of a sparse array, which zod reads as undefined.
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'union': {
      const options = (def.options ?? []).map(compileValueCheck);
      if (options.length === 0 || options.some((o) => o === null)) return null;
      const all = options as ValueCheck[];
      return (v) => all.some((o) => o(v));
    }
    default:
      return null;
  }
}

/**
 * The checker of an evidence object schema (z.object or z.strictObject of compilable values), or
 * null. Keys outside the shape are the caller's to refuse before this runs.
 */
export function compileObjectCheck(schema: unknown): ObjectCheck | null {
  const def = defOf(schema);
  if (def === null || def.type !== 'object' || def.shape === undefined || (def.checks ?? []).length > 0) return null;
  const fields: { key: string; check: ValueCheck; optional: boolean }[] = [];
  for (const [key, value] of Object.entries(def.shape)) {
    const check = compileValueCheck(value);
    if (check === null) return null;
    fields.push({ key, check, optional: defOf(value)?.type === 'optional' });
  }
  return (evidence) => {
    for (const f of fields) {
      if (!f.optional && !Object.hasOwn(evidence, f.key)) return false;
      if (!f.check(evidence[f.key])) return false;
    }
    return true;
  };
}

const compiled = new WeakMap<object, ObjectCheck | null>();

/** compileObjectCheck, made once per schema object. */
export function objectCheckFor(schema: z.ZodType): ObjectCheck | null {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compileObjectCheck(schema);
    compiled.set(schema, check);
  }
  return check;
}

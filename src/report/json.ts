/**
 * The canonical JSON of a Report: keys in a fixed order per shape (the declaration order of the
 * zod schemas in src/model/report.ts; records keyed by an enum in the enum's order, so severities
 * critical first; evidence and other free records alphabetical), 2-space indent, a trailing
 * newline. Whatever order an object was built or read in, the same Report gives the same bytes.
 */
import { z } from 'zod';
import { FindingSchema, ReportSchema } from '../model/report.js';
import type { Formatter } from './format-types.js';
import type { Report } from './model.js';
import { compareText } from '../shared/compare.js';

/** The key order of one shape; `children` gives the shape of a key's value (or of each element of an array). */
export interface Shape {
  readonly keys?: readonly string[];
  readonly children?: Readonly<Record<string, Shape>>;
}

const ALPHABETICAL: Shape = {};

// Values with no keys of their own to order.
const LEAVES: ReadonlySet<string> = new Set(['string', 'number', 'boolean', 'null', 'literal', 'enum']);

const derivedShapes = new Map<z.ZodType, Shape>();

/**
 * The key order a zod schema declares: an object's keys in declaration order, an enum-keyed
 * record's keys in the enum's order, anything else keyed (free records) alphabetically. One
 * schema gives one Shape object, so the finding shape is the same wherever findings appear.
 */
export function shapeOf(schema: z.ZodType): Shape {
  const known = derivedShapes.get(schema);
  if (known !== undefined) return known;
  let shape: Shape;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    shape = shapeOf(schema.unwrap() as z.ZodType);
  } else if (schema instanceof z.ZodArray) {
    shape = shapeOf(schema.element as z.ZodType);
  } else if (schema instanceof z.ZodObject) {
    const entries = Object.entries<z.ZodType>(schema.shape);
    shape = { keys: entries.map(([k]) => k), children: Object.fromEntries(entries.map(([k, v]) => [k, shapeOf(v)])) };
  } else if (schema instanceof z.ZodRecord) {
    const keyType = schema.keyType as z.ZodType;
    shape = keyType instanceof z.ZodEnum ? { keys: keyType.options.map(String) } : ALPHABETICAL;
    if (shapeOf(schema.valueType as z.ZodType) !== ALPHABETICAL) throw new Error('report schema: a record of objects has no key order');
  } else if (schema instanceof z.ZodUnion) {
    if ((schema.options as z.ZodType[]).some((o) => shapeOf(o) !== ALPHABETICAL)) throw new Error('report schema: a union of objects has no one key order');
    shape = ALPHABETICAL;
  } else if (LEAVES.has(schema.def.type)) {
    shape = ALPHABETICAL;
  } else {
    // A kind the writer has never ordered (a lazy, a pipe, a tuple): decide its order here first.
    throw new Error(`report schema: no key order for a zod ${schema.def.type}`);
  }
  derivedShapes.set(schema, shape);
  return shape;
}

export const FINDING_SHAPE: Shape = shapeOf(FindingSchema);

export const REPORT_SHAPE: Shape = shapeOf(ReportSchema);

/** A copy of the value with its object keys in the shape's order; unknown keys follow, alphabetically. */
export function ordered(value: unknown, shape: Shape = ALPHABETICAL): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, shape));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const known = shape.keys ?? [];
  const knownSet = new Set(known);
  const rest = Object.keys(source)
    .filter((k) => !knownSet.has(k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of [...known, ...rest]) {
    if (!Object.hasOwn(source, key) || source[key] === undefined) continue;
    out[key] = ordered(source[key], shape.children?.[key] ?? ALPHABETICAL);
  }
  return out;
}

/** Canonical JSON text of a value in a shape: stable key order, 2-space indent, trailing newline. */
export function orderedJson(value: unknown, shape: Shape = ALPHABETICAL): string {
  // Nothing to write (JSON.stringify gives undefined): as the template always wrote it.
  if (Writer.skipped(value)) return 'undefined\n';
  const w = new Writer();
  w.value(value, shape, '');
  w.put('\n');
  return w.take();
}

export function reportJson(report: Report): string {
  return [...reportJsonChunks(report)].join('');
}

// Sealed pieces (an element or member each, one flat string) wait until about this many
// characters are ready, then are handed on one by one: what the generator holds between yields.
// The pieces are never joined into a chunk: a consumer encodes them straight into its buffer
// (src/shared/utf8.ts), where a joined 32K chunk cost ~1 s per 100 MB to flatten and encode.
export const CHUNK_CHARS = 1 << 15;

/** A shape with its key set, each key's quoted name and each key's own shape, computed once. */
interface Compiled {
  readonly keys: readonly string[];
  readonly known: ReadonlySet<string>;
  readonly quoted: readonly string[];
  readonly shapes: readonly Shape[];
}

const compiledShapes = new WeakMap<Shape, Compiled>();

function compile(shape: Shape): Compiled {
  let c = compiledShapes.get(shape);
  if (c === undefined) {
    const keys = shape.keys ?? [];
    c = { keys, known: new Set(keys), quoted: keys.map((k) => JSON.stringify(k)), shapes: keys.map((k) => shape.children?.[k] ?? ALPHABETICAL) };
    compiledShapes.set(shape, c);
  }
  return c;
}

/** A canonical array index ("0", "17"): V8 lists such keys first, in numeric order, whatever order they were added in. */
function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
}

/** Keys in JSON.stringify's order for an object built by `ordered` in this order: array indices first, ascending. */
function enumerationOrder(keys: string[]): string[] {
  let indices = false;
  for (const k of keys) if (isArrayIndex(k)) indices = true;
  if (!indices) return keys;
  const first = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...first, ...keys.filter((k) => !isArrayIndex(k))];
}

// Strings made once and reused: at 1M findings the writer's own garbage (an indent, a quoted key,
// a separator per member) cost more in collection than the writing.
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, q);
  }
  return q;
}

interface Indent {
  /** The indentation one level in. */
  readonly inner: string;
  /** Before the first member or element, and before each following one. */
  readonly first: [string, string];
  readonly next: string;
  /** After the last: a line break and this indentation, then the closing bracket. */
  readonly closeObject: string;
  readonly closeArray: string;
  /** Before each finding member, by FINDING_SHAPE key index: the first and the following. */
  readonly findingFirst: readonly string[];
  readonly findingNext: readonly string[];
}

const indents = new Map<string, Indent>();
function indentOf(indent: string): Indent {
  let x = indents.get(indent);
  if (x === undefined) {
    const inner = `${indent}  `;
    const names = (FINDING_SHAPE.keys ?? []).map((k) => JSON.stringify(k));
    x = {
      inner,
      first: [`{\n${inner}`, `[\n${inner}`],
      next: `,\n${inner}`,
      closeObject: `\n${indent}}`,
      closeArray: `\n${indent}]`,
      findingFirst: names.map((n) => `{\n${inner}${n}: `),
      findingNext: names.map((n) => `,\n${inner}${n}: `),
    };
    indents.set(indent, x);
  }
  return x;
}

/**
 * Writes canonical JSON, byte for byte `JSON.stringify(ordered(value, shape), null, 2)`, without
 * building the ordered copy: each value is written straight into pieces. Strings and numbers go
 * through JSON.stringify for their escaping and form. (Measured at 100k applications, 74 MB:
 * ~3.5 s of CPU copying and stringifying each finding, ~0.7 s this way.)
 */
class Writer {
  // Pieces of the current element, joined into one flat string per element (`seal`); the sealed
  // strings are then concatenated into the chunk. Measured at 100k findings: one rope of every
  // small piece costs ~1.1 s to flatten when written, one join of them all per chunk ~2 s; joined
  // per element, ~0.3 s.
  private parts: string[] = [];
  // Sealed elements, each one flat string, handed on as they are: concatenated into one chunk
  // they made a rope that cost ~1 s per 100 MB to flatten when the chunk was encoded.
  private done: string[] = [];
  private doneChars = 0;

  get size(): number {
    return this.doneChars;
  }

  put(text: string): void {
    this.parts.push(text);
  }

  seal(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.done.push(text);
    this.doneChars += text.length;
    this.parts = [];
  }

  /** Everything written so far, as one string (a small value). */
  take(): string {
    return this.takePieces().join('');
  }

  /** Everything written so far, as the flat pieces it was sealed in. */
  takePieces(): string[] {
    this.seal();
    const pieces = this.done;
    this.done = [];
    this.doneChars = 0;
    return pieces;
  }

  /** Whether a value is written at all as an object member (JSON.stringify drops these). */
  static skipped(v: unknown): boolean {
    return v === undefined || typeof v === 'function' || typeof v === 'symbol';
  }

  /** One value at an indentation (the indentation of the line it starts on). */
  value(v: unknown, shape: Shape, indent: string): void {
    switch (typeof v) {
      case 'string':
        this.put(JSON.stringify(v));
        return;
      case 'number':
        this.put(Number.isFinite(v) ? String(v) : 'null');
        return;
      case 'boolean':
        this.put(v ? 'true' : 'false');
        return;
      case 'object':
        if (v === null) this.put('null');
        else if (Array.isArray(v)) this.array(v, shape, indent);
        else if (shape === FINDING_SHAPE) this.finding(v as Record<string, unknown>, indent);
        else this.object(v as Record<string, unknown>, shape, indent);
        return;
      case 'bigint':
        // As JSON.stringify does.
        throw new TypeError('Do not know how to serialize a BigInt');
      default:
        // undefined, a function or a symbol in an array (members are dropped before this).
        this.put('null');
    }
  }

  array(items: readonly unknown[], shape: Shape, indent: string): void {
    if (items.length === 0) {
      this.put('[]');
      return;
    }
    const x = indentOf(indent);
    for (let i = 0; i < items.length; i++) {
      this.put(i === 0 ? x.first[1] : x.next);
      this.value(items[i], shape, x.inner);
    }
    this.put(x.closeArray);
  }

  /** The members of an object in `ordered`'s order: the shape's keys, then the others alphabetically. */
  static memberKeys(source: Record<string, unknown>, shape: Shape): string[] {
    const c = compile(shape);
    const keys: string[] = [];
    for (const k of c.keys) if (Object.hasOwn(source, k) && !Writer.skipped(source[k])) keys.push(k);
    const own = Object.keys(source);
    let rest: string[] | null = null;
    for (const k of own) {
      if (c.known.has(k) || k === '__proto__' || Writer.skipped(source[k])) continue;
      (rest ??= []).push(k);
    }
    if (rest !== null) keys.push(...rest.sort(compareText));
    return enumerationOrder(keys);
  }

  object(source: Record<string, unknown>, shape: Shape, indent: string): void {
    const keys = Writer.memberKeys(source, shape);
    if (keys.length === 0) {
      this.put('{}');
      return;
    }
    const x = indentOf(indent);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      this.put(i === 0 ? x.first[0] : x.next);
      this.put(quoted(key));
      this.put(': ');
      this.value(source[key], shape.children?.[key] ?? ALPHABETICAL, x.inner);
    }
    this.put(x.closeObject);
  }

  /**
   * A finding, the bulk of a national report: its known keys in order without a key list of its
   * own; anything unusual (an unknown or dropped member) goes the general way.
   */
  finding(f: Record<string, unknown>, indent: string): void {
    const c = compile(FINDING_SHAPE);
    let plain = true;
    for (const k in f) {
      if (!c.known.has(k) || !Object.hasOwn(f, k) || Writer.skipped(f[k])) {
        plain = false;
        break;
      }
    }
    if (!plain) {
      this.object(f, FINDING_SHAPE, indent);
      return;
    }
    const x = indentOf(indent);
    let first = true;
    for (let i = 0; i < c.keys.length; i++) {
      const key = c.keys[i]!;
      const v = f[key];
      if (v === undefined && !Object.hasOwn(f, key)) continue;
      this.put(first ? x.findingFirst[i]! : x.findingNext[i]!);
      first = false;
      if (typeof v === 'string') this.put(JSON.stringify(v));
      else this.value(v, c.shapes[i]!, x.inner);
    }
    this.put(first ? '{}' : x.closeObject);
  }
}

/**
 * The text of `reportJson`, byte for byte, in pieces: a national export's report (1M applications:
 * ~750 MB) is longer than the longest string V8 can hold (~512 MB), so it is written as it is made.
 * Objects are followed member by member and arrays element by element: each piece is one element
 * or member (a finding, a referral) as one flat string, or the brackets between them.
 */
export function* reportJsonChunks(report: Report): Generator<string> {
  const w = new Writer();
  yield* streamValue(w, report, REPORT_SHAPE, '');
  w.put('\n');
  yield* w.takePieces();
}

/** Like `Writer.value`, but yielding whole chunks between the members of objects and the elements of arrays. */
function* streamValue(w: Writer, v: unknown, shape: Shape, indent: string): Generator<string> {
  if (v === null || typeof v !== 'object') {
    w.value(v, shape, indent);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      w.put('[]');
      return;
    }
    for (let i = 0; i < v.length; i++) {
      w.put(i === 0 ? `[\n${inner}` : `,\n${inner}`);
      w.value(v[i], shape, inner);
      w.seal();
      if (w.size >= CHUNK_CHARS) yield* w.takePieces();
    }
    w.put(`\n${indent}]`);
    return;
  }
  const source = v as Record<string, unknown>;
  const keys = Writer.memberKeys(source, shape);
  if (keys.length === 0) {
    w.put('{}');
    return;
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    w.put(`${i === 0 ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: `);
    yield* streamValue(w, source[key], shape.children?.[key] ?? ALPHABETICAL, inner);
    w.seal();
    if (w.size >= CHUNK_CHARS) yield* w.takePieces();
  }
  w.put(`\n${indent}}`);
}

export const renderJson: Formatter = (report) => [
  {
    name: 'report.json',
    get content() {
      return reportJson(report);
    },
    chunks: () => reportJsonChunks(report),
  },
];

/**
 * How Go values look in JavaScript here: nil is `undefined` or `null`; Go `int`/`int64` is a
 * `bigint` (template literals, `len`, Sprig's integer math); `float64` is a `number` (every
 * number read from YAML or JSON, as Helm decodes values through JSON); maps are plain objects;
 * slices are arrays; Helm's built-in objects (`.Release`, `.Chart`, `.Files`, ...) are
 * `GoStruct`s, whose fields are looked up strictly and whose methods take arguments.
 */

export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: Record<string, unknown>,
    /** What `range` iterates when the Go type is a map with methods (Helm's Files). */
    readonly entries?: Record<string, unknown>,
  ) {}
}

/** A method on a GoStruct: called with the arguments that follow it in a command. */
export class GoMethod {
  constructor(
    readonly name: string,
    readonly fn: (...args: unknown[]) => unknown,
  ) {}
}

export type GoMap = Record<string, unknown>;

export function isNil(v: unknown): v is null | undefined {
  return v === undefined || v === null;
}

export function isMap(v: unknown): v is GoMap {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoStruct) && !(v instanceof Uint8Array)
  );
}

/** Go's truth: false, 0, nil, and empty strings, slices and maps are false; structs are true. */
export function truthy(v: unknown): boolean {
  if (isNil(v)) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'string':
      return v.length > 0;
    case 'function':
      return true;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof GoStruct || v instanceof GoMethod) return true;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

/** Go's type name of a value, as fmt prints it in `%!verb(type=value)`. */
export function goTypeName(v: unknown): string {
  if (isNil(v)) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
  }
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof GoStruct) return v.typeName;
  if (isMap(v)) return 'map[string]interface {}';
  return 'interface {}';
}

export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Converts to a JS number for indexes, counts and widths. */
export function toNumber(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = Number(v.trim());
    return Number.isNaN(n) ? 0 : n;
  }
  return 0;
}

/** Sprig's cast.ToInt64: floats truncate, strings parse (base 0), bools are 0/1, others 0. */
export function toInt64(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    const s = v.trim();
    if (/^[+-]?(0x[0-9a-f]+|0o?[0-7]+|0b[01]+|[0-9]+)$/i.test(s)) {
      const neg = s.startsWith('-');
      let body = s.replace(/^[+-]/, '');
      if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
      try {
        const n = BigInt(body);
        return neg ? -n : n;
      } catch {
        return 0n;
      }
    }
    return 0n;
  }
  return 0n;
}

/** Sprig's cast.ToFloat64. */
export function toFloat64(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = Number(v.trim());
    return v.trim() === '' || Number.isNaN(n) ? 0 : n;
  }
  return 0;
}

/** Deep copy of plain data (maps and slices); structs are shared. */
export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (isMap(v)) {
    const out: GoMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepCopy(x);
    return out as T;
  }
  return v;
}

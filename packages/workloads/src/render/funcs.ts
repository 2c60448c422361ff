/**
 * Template functions: Go's builtins and the Sprig functions Helm charts use. Helm's own
 * (include, tpl, required, toYaml, ...) are added by the engine, which knows the chart.
 */
import { createHash } from 'node:crypto';
import semver from 'semver';
import { helmToYaml } from './encode.js';
import { ExecError, type FuncContext, type TemplateFunc } from './exec.js';
import { formatValue, goQuote, goSprint, goSprintf, goSprintln } from './format.js';
import {
  deepCopy,
  GoStruct,
  goTypeName,
  isMap,
  isNil,
  sortedKeys,
  toFloat64,
  toInt64,
  toNumber,
  truthy,
} from './values.js';

type Fn = (...args: unknown[]) => unknown;

/** Sprig's strval. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return formatValue(v);
}

function strslice(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x) => !isNil(x)).map(strval);
  if (isNil(v)) return [];
  return [strval(v)];
}

/** Sprig's empty. */
export function empty(v: unknown): boolean {
  if (isNil(v)) return true;
  if (v instanceof GoStruct) return false;
  return !truthy(v);
}

function list(v: unknown, fn: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (isNil(v)) return [];
  throw new Error(`Cannot find ${fn} on type ${goTypeName(v)}`);
}

function dictOf(v: unknown): Record<string, unknown> {
  if (isMap(v)) return v;
  // Go converts nil to a nil map: reads see no keys.
  if (isNil(v)) return {};
  throw new Error(`expected a dict, got ${goTypeName(v)}`);
}

/** Go's basic comparison for eq/ne/lt...: numbers of either kind compare by value. */
function basic(v: unknown, line: number): string | number | boolean | bigint | undefined {
  void line;
  if (isNil(v)) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  throw new Error('invalid type for comparison');
}

function eqBasic(a: unknown, b: unknown): boolean {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number'))
    return Number(a) === Number(b);
  if (typeof a !== typeof b) throw new Error('incompatible types for comparison');
  if (typeof a === 'object') throw new Error('non-comparable type');
  return a === b;
}

function lessBasic(a: unknown, b: unknown): boolean {
  const x = basic(a, 0);
  const y = basic(b, 0);
  if (typeof x === 'boolean' || typeof y === 'boolean' || x === undefined || y === undefined)
    throw new Error('invalid type for comparison');
  if (typeof x === 'string' || typeof y === 'string') {
    if (typeof x !== typeof y) throw new Error('incompatible types for comparison');
    return x < y;
  }
  return Number(x) < Number(y);
}

function goLen(v: unknown): bigint {
  if (typeof v === 'string') return BigInt(Buffer.byteLength(v, 'utf8'));
  if (Array.isArray(v)) return BigInt(v.length);
  if (isMap(v)) return BigInt(Object.keys(v).length);
  if (isNil(v)) throw new Error('len of nil pointer');
  throw new Error(`len of type ${goTypeName(v)}`);
}

function goIndex(item: unknown, ...idx: unknown[]): unknown {
  let v = item;
  for (const i of idx) {
    if (isNil(v)) throw new Error('index of untyped nil');
    if (Array.isArray(v) || typeof v === 'string') {
      const n = toNumber(i);
      const len = typeof v === 'string' ? Buffer.byteLength(v) : v.length;
      if (typeof i !== 'bigint' && typeof i !== 'number')
        throw new Error(`cannot index slice/array with type ${goTypeName(i)}`);
      if (n < 0 || n >= len) throw new Error(`index out of range: ${n}`);
      v = typeof v === 'string' ? BigInt(Buffer.from(v)[n] as number) : v[n];
    } else if (isMap(v)) {
      if (typeof i !== 'string') throw new Error(`value has type ${goTypeName(i)}; should be string`);
      v = Object.hasOwn(v, i) ? v[i] : undefined;
    } else throw new Error(`can't index item of type ${goTypeName(v)}`);
  }
  return v;
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) =>
    c === '&'
      ? '&amp;'
      : c === "'"
        ? '&#39;'
        : c === '<'
          ? '&lt;'
          : c === '>'
            ? '&gt;'
            : c === '"'
              ? '&#34;'
              : '\uFFFD',
  );
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** url.QueryEscape. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go's evalArgs for html/js/urlquery: one string as is, anything else through fmt.Sprint. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return goSprint(args);
}

/** A small deterministic PRNG so rand* and uuidv4 give the same output on every run. */
export class SeededRandom {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  pick(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NUM = '0123456789';

function title(s: string): string {
  // strings.Title: upper-case the first letter of every word (after a non-letter).
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += /[\p{L}\p{N}_']/u.test(prev) ? ch : ch.toUpperCase();
    prev = ch;
  }
  return out;
}

function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter((w) => w !== '');
}

/** Translates a Go RE2 regexp into a JavaScript one (flags (?i)(?s)(?m) and \z). */
export function goRegex(pattern: string, global = false): RegExp {
  let p = pattern;
  let flags = global ? 'gu' : 'u';
  const m = /^\(\?([imsU]+)\)/.exec(p);
  if (m) {
    p = p.slice(m[0].length);
    for (const f of m[1] as string) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  p = p
    .replace(/\\z/g, '$')
    .replace(/\(\?P</g, '(?<')
    .replace(/\[\[:(\w+):\]\]/g, (_, c: string) => {
      const classes: Record<string, string> = {
        alpha: '[A-Za-z]',
        digit: '[0-9]',
        alnum: '[A-Za-z0-9]',
        space: '\\s',
        upper: '[A-Z]',
        lower: '[a-z]',
        punct: '[!-/:-@[-`{-~]',
        xdigit: '[0-9A-Fa-f]',
      };
      return classes[c] ?? `[[:${c}:]]`;
    });
  return new RegExp(p, flags);
}

/** Go's regexp ReplaceAllString expands $1 and ${name}; JavaScript's $<name> differs. */
function goExpand(repl: string): string {
  return repl.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => {
    const name = a ?? (b as string);
    return /^\d+$/.test(name) ? `$${name}` : `$<${name}>`;
  });
}

function semverOf(v: string): semver.SemVer | null {
  return semver.parse(v.trim(), { loose: true }) ?? semver.coerce(v, { includePrerelease: true });
}

/** Masterminds/semver constraints in npm-semver syntax: commas are AND, `||` is OR. */
export function semverMatches(constraint: string, version: string): boolean {
  const v = semverOf(version);
  if (!v) throw new Error(`invalid semantic version: ${version}`);
  const range = constraint
    .split('||')
    .map((part) =>
      part
        .split(/,|\s+(?=[<>=!~^])/)
        .map((c) => c.trim())
        .filter((c) => c !== '')
        .map((c) => c.replace(/^=?v/, '').replace(/^([<>=~^]+)\s*v?/, '$1'))
        // `1.19-0` is `1.19.0-0` to Masterminds; npm's parser needs the patch written out.
        .map((c) =>
          c
            .replace(/^([<>=~^!]*)(\d+)\.(\d+)(-[\w.]+)$/, '$1$2.$3.0$4')
            .replace(/^([<>=~^!]*)(\d+)(-[\w.]+)$/, '$1$2.0.0$3'),
        )
        .join(' '),
    )
    .join(' || ');
  const includePrerelease = /-/.test(constraint);
  // Masterminds: a version with a pre-release only satisfies constraints that carry one.
  if (v.prerelease.length > 0 && !includePrerelease) return false;
  return semver.satisfies(v, range, { loose: true, includePrerelease });
}

/** Math.max/min do not take bigints. */
function bigMax(x: bigint, y: bigint): bigint {
  if (y > x) return y;
  return x;
}

function bigMin(x: bigint, y: bigint): bigint {
  if (y < x) return y;
  return x;
}

/** Lists and strings a template may build: beyond this a chart is hostile, not large. */
export const MAX_ITEMS = 100_000;

function capped(n: number, what: string): number {
  if (n > MAX_ITEMS) throw new Error(`${what}: ${n} is more than the ${MAX_ITEMS} items this renderer builds`);
  return n;
}

function mathInt(args: unknown[], op: (a: bigint, b: bigint) => bigint): bigint {
  const [first, ...rest] = args.map(toInt64);
  return rest.reduce(op, first ?? 0n);
}

/** Go's time layout formatting for the parts charts use (`2006-01-02T15:04:05Z07:00`). */
export function goDate(layout: string, d: Date): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const tokens: [string, () => string][] = [
    ['2006', () => String(d.getUTCFullYear())],
    ['January', () => months[d.getUTCMonth()] as string],
    ['Jan', () => (months[d.getUTCMonth()] as string).slice(0, 3)],
    ['Monday', () => days[d.getUTCDay()] as string],
    ['Mon', () => (days[d.getUTCDay()] as string).slice(0, 3)],
    ['MST', () => 'UTC'],
    ['Z07:00', () => 'Z'],
    ['-07:00', () => '+00:00'],
    ['-0700', () => '+0000'],
    ['01', () => p2(d.getUTCMonth() + 1)],
    ['02', () => p2(d.getUTCDate())],
    ['06', () => p2(d.getUTCFullYear() % 100)],
    ['15', () => p2(d.getUTCHours())],
    ['03', () => p2(d.getUTCHours() % 12 || 12)],
    ['04', () => p2(d.getUTCMinutes())],
    ['05', () => p2(d.getUTCSeconds())],
    ['PM', () => (d.getUTCHours() >= 12 ? 'PM' : 'AM')],
    ['.000', () => `.${String(d.getUTCMilliseconds()).padStart(3, '0')}`],
  ];
  let out = '';
  let i = 0;
  outer: while (i < layout.length) {
    for (const [t, f] of tokens) {
      if (layout.startsWith(t, i)) {
        out += f();
        i += t.length;
        continue outer;
      }
    }
    out += layout[i];
    i++;
  }
  return out;
}

export interface FuncSettings {
  /** Seed for rand* and uuidv4. */
  seed: number;
  /** The clock `now` reads (fixed so output is deterministic). */
  now: Date;
  /** Called for functions that only approximate Helm (random certificates, ...). */
  approximate(ctx: FuncContext, name: string): void;
  /** Collects every string random functions produce, and what is derived from them. */
  generated: Set<string>;
}

const RANDOM = new Set([
  'now',
  'date',
  'dateInZone',
  'htmlDate',
  'unixEpoch',
  'randAlphaNum',
  'randAlpha',
  'randNumeric',
  'randAscii',
  'uuidv4',
  'randBytes',
  'derivePassword',
  'htpasswd',
  'bcrypt',
  'genPrivateKey',
]);

function uuid(r: SeededRandom): string {
  const hex = r.pick('0123456789abcdef', 32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(r.next() * 4)] as string;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function mergeInto(dst: Record<string, unknown>, src: Record<string, unknown>, overwrite: boolean): void {
  for (const [k, v] of Object.entries(src)) {
    const cur = dst[k];
    if (isMap(cur) && isMap(v)) mergeInto(cur, v, overwrite);
    else if (!(k in dst) || (overwrite ? !isNil(v) || !(k in dst) : empty(cur) && !isMap(cur))) {
      if (overwrite || !(k in dst) || empty(cur)) dst[k] = deepCopy(v);
    }
  }
}

/** Go builtins and Sprig. */
export function baseFuncs(settings: FuncSettings): Map<string, TemplateFunc> {
  const rand = new SeededRandom(settings.seed);
  const f = new Map<string, TemplateFunc>();
  const gen = settings.generated;
  const derived = (args: unknown[]) =>
    gen.size > 0 && args.some((a) => typeof a === 'string' && a.length >= 4 && [...gen].some((g) => a.includes(g)));
  const plain = (name: string, fn: Fn) =>
    f.set(name, (_ctx, ...args) => {
      const out = fn(...args);
      // Install-time random values (and their encodings) are not credentials written in the chart.
      if (typeof out === 'string' && out.length >= 4 && (RANDOM.has(name) || derived(args))) gen.add(out);
      return out;
    });
  // Go text/template builtins (and/or are special-cased by the executor).
  plain('not', (v) => !truthy(v));
  plain('len', goLen);
  plain('index', goIndex);
  plain('slice', (item, ...idx) => {
    const n = idx.map(toNumber);
    if (typeof item === 'string')
      return Buffer.from(item)
        .subarray(n[0] ?? 0, n[1])
        .toString();
    return list(item, 'slice').slice(n[0] ?? 0, n[1]);
  });
  plain('print', (...a) => goSprint(a));
  plain('printf', (fmt, ...a) => goSprintf(String(fmt), a));
  plain('println', (...a) => goSprintln(a));
  plain('html', (...a) => htmlEscape(evalArgs(a)));
  plain('js', (...a) => jsEscape(evalArgs(a)));
  plain('urlquery', (...a) => queryEscape(evalArgs(a)));
  plain('eq', (a, ...bs) => {
    if (bs.length === 0) throw new Error('missing argument for comparison');
    return bs.some((b) => eqBasic(a, b));
  });
  plain('ne', (a, b) => !eqBasic(a, b));
  plain('lt', (a, b) => lessBasic(a, b));
  plain('le', (a, b) => lessBasic(a, b) || eqBasic(a, b));
  plain('gt', (a, b) => !lessBasic(a, b) && !eqBasic(a, b));
  plain('ge', (a, b) => !lessBasic(a, b));
  plain('call', (fn, ...a) => {
    if (typeof fn !== 'function') throw new Error(`non-function of type ${goTypeName(fn)}`);
    return (fn as Fn)(...a);
  });

  // Sprig: strings.
  plain('trim', (s) => strval(s).trim());
  plain('trimAll', (c, s) => {
    const cs = strval(c);
    let x = strval(s);
    while (x.length > 0 && cs.includes(x[0] as string)) x = x.slice(1);
    while (x.length > 0 && cs.includes(x[x.length - 1] as string)) x = x.slice(0, -1);
    return x;
  });
  plain('trimPrefix', (p, s) => {
    const x = strval(s);
    const pre = strval(p);
    return pre !== '' && x.startsWith(pre) ? x.slice(pre.length) : x;
  });
  plain('trimSuffix', (p, s) => {
    const x = strval(s);
    const suf = strval(p);
    return suf !== '' && x.endsWith(suf) ? x.slice(0, -suf.length) : x;
  });
  plain('upper', (s) => strval(s).toUpperCase());
  plain('lower', (s) => strval(s).toLowerCase());
  plain('title', (s) => title(strval(s)));
  plain('untitle', (s) => strval(s).replace(/(^|\s)(\S)/g, (_, a: string, b: string) => a + b.toLowerCase()));
  plain('repeat', (n, s) =>
    strval(s).repeat(
      capped(Math.max(0, toNumber(n)) * Math.max(1, strval(s).length), 'repeat') / Math.max(1, strval(s).length),
    ),
  );
  plain('substr', (a, b, s) => {
    const x = strval(s);
    const start = toNumber(a);
    const end = toNumber(b);
    if (start < 0) return x.slice(0, end);
    if (end < 0 || end > x.length) return x.slice(start);
    return x.slice(start, end);
  });
  plain('nospace', (s) => strval(s).replace(/\s+/g, ''));
  plain('trunc', (c, s) => {
    const x = strval(s);
    const n = toNumber(c);
    if (n < 0 && x.length + n > 0) return x.slice(x.length + n);
    if (n >= 0 && x.length > n) return x.slice(0, n);
    return x;
  });
  plain('abbrev', (w, s) => {
    const x = strval(s);
    const n = toNumber(w);
    if (n < 4 || x.length <= n) return x;
    return `${x.slice(0, n - 3)}...`;
  });
  plain('initials', (s) =>
    strval(s)
      .split(/\s+/)
      .filter((w) => w)
      .map((w) => w[0])
      .join(''),
  );
  plain('randAlphaNum', (n) => rand.pick(ALPHA + NUM, capped(toNumber(n), 'randAlphaNum')));
  plain('randAlpha', (n) => rand.pick(ALPHA, capped(toNumber(n), 'randAlpha')));
  plain('randNumeric', (n) => rand.pick(NUM, capped(toNumber(n), 'randNumeric')));
  plain('randAscii', (n) =>
    rand.pick(
      '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~',
      toNumber(n),
    ),
  );
  plain('randInt', (a, b) => BigInt(Math.floor(toNumber(a) + rand.next() * (toNumber(b) - toNumber(a)))));
  plain('uuidv4', () => uuid(rand));
  plain('wrap', (w, s) => wrapText(strval(s), toNumber(w), '\n'));
  plain('wrapWith', (w, sep, s) => wrapText(strval(s), toNumber(w), strval(sep)));
  plain('contains', (sub, s) => strval(s).includes(strval(sub)));
  plain('hasPrefix', (p, s) => strval(s).startsWith(strval(p)));
  plain('hasSuffix', (p, s) => strval(s).endsWith(strval(p)));
  plain('quote', (...a) =>
    a
      .filter((x) => !isNil(x))
      .map((x) => goQuote(strval(x)))
      .join(' '),
  );
  plain('squote', (...a) =>
    a
      .filter((x) => !isNil(x))
      .map((x) => `'${strval(x)}'`)
      .join(' '),
  );
  plain('cat', (...a) =>
    a
      .filter((x) => !isNil(x))
      .map((x) => formatValue(x))
      .join(' '),
  );
  plain('indent', (n, s) => {
    const pad = ' '.repeat(toNumber(n));
    return pad + strval(s).replaceAll('\n', `\n${pad}`);
  });
  plain('nindent', (n, s) => {
    const pad = ' '.repeat(toNumber(n));
    return `\n${pad}${strval(s).replaceAll('\n', `\n${pad}`)}`;
  });
  plain('replace', (o, n, s) => strval(s).replaceAll(strval(o), strval(n)));
  plain('plural', (one, many, n) => (toNumber(n) === 1 ? strval(one) : strval(many)));
  plain('snakecase', (s) =>
    words(strval(s))
      .map((w) => w.toLowerCase())
      .join('_'),
  );
  plain('kebabcase', (s) =>
    words(strval(s))
      .map((w) => w.toLowerCase())
      .join('-'),
  );
  plain('camelcase', (s) =>
    strval(s)
      .split(/[_\s]+/)
      .map((w) => (w ? (w[0] as string).toUpperCase() + w.slice(1) : w))
      .join(''),
  );
  plain('swapcase', (s) =>
    [...strval(s)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  );
  plain('shuffle', (s) => strval(s));
  plain('toString', (v) => strval(v));
  plain('toStrings', (v) => strslice(v));
  plain('split', (sep, s) => {
    const out: Record<string, unknown> = {};
    strval(s)
      .split(strval(sep))
      .forEach((p, i) => {
        out[`_${i}`] = p;
      });
    return out;
  });
  plain('splitList', (sep, s) => strval(s).split(strval(sep)));
  plain('splitn', (sep, n, s) => {
    const parts = strval(s).split(strval(sep));
    const k = toNumber(n);
    const head = k > 0 && parts.length > k ? [...parts.slice(0, k - 1), parts.slice(k - 1).join(strval(sep))] : parts;
    const out: Record<string, unknown> = {};
    head.forEach((p, i) => {
      out[`_${i}`] = p;
    });
    return out;
  });
  plain('join', (sep, v) => strslice(v).join(strval(sep)));
  plain('sortAlpha', (v) => strslice(v).sort());
  plain('regexMatch', (re, s) => goRegex(strval(re)).test(strval(s)));
  plain('mustRegexMatch', (re, s) => goRegex(strval(re)).test(strval(s)));
  plain('regexFind', (re, s) => goRegex(strval(re)).exec(strval(s))?.[0] ?? '');
  plain('regexFindAll', (re, s, n) => {
    const all = [...strval(s).matchAll(goRegex(strval(re), true))].map((m) => m[0]);
    const k = toNumber(n);
    return k < 0 ? all : all.slice(0, k);
  });
  plain('regexReplaceAll', (re, s, r) => strval(s).replace(goRegex(strval(re), true), goExpand(strval(r))));
  plain('regexReplaceAllLiteral', (re, s, r) => strval(s).replace(goRegex(strval(re), true), () => strval(r)));
  plain('regexSplit', (re, s, n) => {
    const parts = strval(s).split(goRegex(strval(re), true));
    const k = toNumber(n);
    return k < 0 ? parts : parts.slice(0, k);
  });
  plain('regexQuoteMeta', (s) => strval(s).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&'));

  // Sprig: conversions and math.
  plain('atoi', (s) => toInt64(strval(s)));
  plain('int', (v) => toInt64(v));
  plain('int64', (v) => toInt64(v));
  plain('float64', (v) => toFloat64(v));
  plain('toDecimal', (v) => BigInt(Number.parseInt(strval(v), 8) || 0));
  plain('add', (...a) => mathInt(a, (x, y) => x + y));
  plain('add1', (v) => toInt64(v) + 1n);
  plain('sub', (a, b) => toInt64(a) - toInt64(b));
  plain('mul', (...a) => mathInt(a, (x, y) => x * y));
  plain('div', (a, b) => {
    const d = toInt64(b);
    if (d === 0n) throw new Error('runtime error: integer divide by zero');
    return toInt64(a) / d;
  });
  plain('mod', (a, b) => toInt64(a) % toInt64(b));
  plain('max', (...a) => mathInt(a, bigMax));
  plain('min', (...a) => mathInt(a, bigMin));
  plain('addf', (...a) => a.map(toFloat64).reduce((x, y) => x + y, 0));
  plain('add1f', (v) => toFloat64(v) + 1);
  plain('subf', (a, ...b) => b.map(toFloat64).reduce((x, y) => x - y, toFloat64(a)));
  plain('mulf', (a, ...b) => b.map(toFloat64).reduce((x, y) => x * y, toFloat64(a)));
  plain('divf', (a, ...b) => b.map(toFloat64).reduce((x, y) => x / y, toFloat64(a)));
  plain('maxf', (...a) => Math.max(...a.map(toFloat64)));
  plain('minf', (...a) => Math.min(...a.map(toFloat64)));
  plain('floor', (v) => Math.floor(toFloat64(v)));
  plain('ceil', (v) => Math.ceil(toFloat64(v)));
  plain('round', (v, p) => {
    const m = 10 ** toNumber(p);
    return Math.round(toFloat64(v) * m) / m;
  });
  plain('until', (n) => Array.from({ length: capped(Math.max(0, toNumber(n)), 'until') }, (_, i) => BigInt(i)));
  plain('untilStep', (a, b, s) => {
    const out: bigint[] = [];
    const start = toNumber(a);
    const stop = toNumber(b);
    const step = toNumber(s);
    if (step === 0) return out;
    capped(Math.abs((stop - start) / step), 'untilStep');
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(BigInt(i));
    return out;
  });
  plain('seq', (...a) => {
    const n = a.map(toNumber);
    const [start, step, end] =
      n.length === 1
        ? [1, 1, n[0] as number]
        : n.length === 2
          ? [n[0] as number, 1, n[1] as number]
          : (n as [number, number, number]);
    const out: string[] = [];
    const st = n.length === 2 && start > end ? -1 : step;
    if (st === 0) return '';
    capped(Math.abs((end - start) / st), 'seq');
    for (let i = start; st > 0 ? i <= end : i >= end; i += st) out.push(String(i));
    return out.join(' ');
  });

  // Sprig: defaults and flow.
  plain('default', (d, ...given) => (given.length === 0 || empty(given[0]) ? d : given[0]));
  plain('empty', (v) => empty(v));
  plain('coalesce', (...a) => a.find((x) => !empty(x)));
  plain('all', (...a) => a.every((x) => !empty(x)));
  plain('any', (...a) => a.some((x) => !empty(x)));
  plain('ternary', (t, fl, c) => (truthy(c) ? t : fl));
  plain('compact', (v) => list(v, 'compact').filter((x) => !empty(x)));
  plain('mustCompact', (v) => list(v, 'compact').filter((x) => !empty(x)));

  // Sprig: encodings and hashes.
  plain('b64enc', (s) => Buffer.from(strval(s), 'utf8').toString('base64'));
  plain('b64dec', (s) => {
    const x = strval(s);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(x) || x.length % 4 !== 0) return `illegal base64 data at input byte 0`;
    return Buffer.from(x, 'base64').toString('utf8');
  });
  plain('b32enc', (s) => base32(Buffer.from(strval(s))));
  plain('sha1sum', (s) => createHash('sha1').update(strval(s)).digest('hex'));
  plain('sha256sum', (s) => createHash('sha256').update(strval(s)).digest('hex'));
  plain('sha512sum', (s) => createHash('sha512').update(strval(s)).digest('hex'));
  plain('adler32sum', (s) => String(adler32(Buffer.from(strval(s)))));

  // Sprig: lists.
  plain('list', (...a) => a);
  plain('tuple', (...a) => a);
  for (const prefix of ['', 'must']) {
    const n = (s: string) => (prefix ? `must${s[0]?.toUpperCase()}${s.slice(1)}` : s);
    plain(n('first'), (v) => list(v, 'first')[0]);
    plain(n('last'), (v) => {
      const l = list(v, 'last');
      return l[l.length - 1];
    });
    plain(n('rest'), (v) => list(v, 'rest').slice(1));
    plain(n('initial'), (v) => list(v, 'initial').slice(0, -1));
    plain(n('append'), (v, x) => [...list(v, 'append'), x]);
    plain(n('push'), (v, x) => [...list(v, 'push'), x]);
    plain(n('prepend'), (v, x) => [x, ...list(v, 'prepend')]);
    plain(n('reverse'), (v) => [...list(v, 'reverse')].reverse());
    plain(n('uniq'), (v) => {
      const out: unknown[] = [];
      for (const x of list(v, 'uniq')) if (!out.some((y) => deepEqual(x, y))) out.push(x);
      return out;
    });
    plain(n('without'), (v, ...w) => list(v, 'without').filter((x) => !w.some((y) => deepEqual(x, y))));
    plain(n('has'), (x, v) => list(v, 'has').some((y) => deepEqual(x, y)));
    plain(n('slice'), (v, ...idx) => {
      const n2 = idx.map(toNumber);
      return list(v, 'slice').slice(n2[0] ?? 0, n2[1]);
    });
    plain(n('chunk'), (size, v) => {
      const l = list(v, 'chunk');
      const s = toNumber(size);
      const out: unknown[][] = [];
      for (let i = 0; i < l.length; i += s) out.push(l.slice(i, i + s));
      return out;
    });
  }
  plain('concat', (...ls) => ls.flatMap((l) => list(l, 'concat')));
  plain('sortAlpha', (v) => strslice(v).sort());

  // Sprig: dicts.
  plain('dict', (...a) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < a.length; i += 2) out[strval(a[i])] = a[i + 1];
    return out;
  });
  plain('get', (d, k) => dictOf(d)[strval(k)] ?? '');
  plain('set', (d, k, v) => {
    dictOf(d)[strval(k)] = v;
    return d;
  });
  plain('unset', (d, k) => {
    delete dictOf(d)[strval(k)];
    return d;
  });
  plain('hasKey', (d, k) => Object.hasOwn(dictOf(d), strval(k)));
  plain('pluck', (k, ...ds) =>
    ds
      .filter(isMap)
      .filter((d) => Object.hasOwn(d, strval(k)))
      .map((d) => d[strval(k)]),
  );
  plain('dig', (...a) => {
    const d = a.pop();
    const def = a.pop();
    let cur: unknown = d;
    for (const k of a) {
      if (!isMap(cur) || !Object.hasOwn(cur, strval(k))) return def;
      cur = cur[strval(k)];
    }
    return cur;
  });
  plain('keys', (...ds) => ds.flatMap((d) => Object.keys(dictOf(d))));
  plain('values', (d) => Object.values(dictOf(d)));
  plain('pick', (d, ...ks) => {
    const out: Record<string, unknown> = {};
    const m = dictOf(d);
    for (const k of ks) if (Object.hasOwn(m, strval(k))) out[strval(k)] = m[strval(k)];
    return out;
  });
  plain('omit', (d, ...ks) => {
    const out: Record<string, unknown> = {};
    const drop = new Set(ks.map(strval));
    for (const [k, v] of Object.entries(dictOf(d))) if (!drop.has(k)) out[k] = v;
    return out;
  });
  for (const name of ['merge', 'mustMerge']) {
    plain(name, (dst, ...srcs) => {
      const d = dictOf(dst);
      for (const s of srcs) mergeInto(d, dictOf(s), false);
      return d;
    });
  }
  for (const name of ['mergeOverwrite', 'mustMergeOverwrite']) {
    plain(name, (dst, ...srcs) => {
      const d = dictOf(dst);
      for (const s of srcs) mergeInto(d, dictOf(s), true);
      return d;
    });
  }
  plain('deepCopy', (v) => deepCopy(v));
  plain('mustDeepCopy', (v) => deepCopy(v));

  // Sprig: types and reflection.
  plain('typeOf', (v) => goTypeName(v));
  plain('typeIs', (t, v) => goTypeName(v) === strval(t));
  plain('typeIsLike', (t, v) => goTypeName(v) === strval(t) || `*${goTypeName(v)}` === strval(t));
  plain('kindOf', (v) => kindOf(v));
  plain('kindIs', (k, v) => kindOf(v) === strval(k));
  plain('deepEqual', (a, b) => deepEqual(a, b));

  // Sprig: semver.
  plain('semverCompare', (c, v) => semverMatches(strval(c), strval(v)));
  plain('semver', (v) => {
    const s = semverOf(strval(v));
    if (!s) throw new Error(`invalid semantic version: ${strval(v)}`);
    return new GoStruct('*semver.Version', {
      Major: BigInt(s.major),
      Minor: BigInt(s.minor),
      Patch: BigInt(s.patch),
      Prerelease: s.prerelease.join('.'),
      Metadata: s.build.join('.'),
      Original: strval(v),
    });
  });

  // Sprig: dates (a fixed clock: output must not depend on when the scan runs).
  plain('now', () => settings.now);
  plain('date', (layout, d) => goDate(strval(layout), d instanceof Date ? d : settings.now));
  plain('dateInZone', (layout, d) => goDate(strval(layout), d instanceof Date ? d : settings.now));
  plain('htmlDate', (d) => goDate('2006-01-02', d instanceof Date ? d : settings.now));
  plain('unixEpoch', (d) => String(Math.floor((d instanceof Date ? d : settings.now).getTime() / 1000)));
  plain('toDate', (_layout, s) => {
    const d = new Date(strval(s));
    return Number.isNaN(d.getTime()) ? settings.now : d;
  });
  plain('dateModify', (_m, d) => d);
  plain('ago', () => '0s');
  plain('duration', (s) => `${toNumber(s)}s`);

  // Functions whose real output is random key material: a stable stand-in, and a note.
  for (const name of [
    'genCA',
    'genSelfSignedCert',
    'genSignedCert',
    'genCAWithKey',
    'genSelfSignedCertWithKey',
    'genSignedCertWithKey',
  ]) {
    f.set(name, (ctx) => {
      settings.approximate(ctx, name);
      return new GoStruct('sprig.certificate', { Cert: '', Key: '' });
    });
  }
  for (const name of [
    'genPrivateKey',
    'derivePassword',
    'encryptAES',
    'decryptAES',
    'bcrypt',
    'htpasswd',
    'randBytes',
  ]) {
    f.set(name, (ctx) => {
      settings.approximate(ctx, name);
      return '';
    });
  }
  plain('fail', (msg) => {
    throw new Error(strval(msg));
  });
  plain('toYaml', (v) => helmToYaml(v));
  return f;
}

function kindOf(v: unknown): string {
  if (isNil(v)) return 'invalid';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
  }
  if (Array.isArray(v)) return 'slice';
  if (v instanceof GoStruct) return 'struct';
  if (isMap(v)) return 'map';
  return 'invalid';
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = sortedKeys(a);
    const kb = sortedKeys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual(a[k], b[k]));
  }
  return a === b;
}

function wrapText(s: string, width: number, sep: string): string {
  // Sprig's wrap (goutils.WrapCustom): break at spaces so lines are at most width long.
  const out: string[] = [];
  for (const para of s.split('\n')) {
    let line = '';
    for (const w of para.split(' ')) {
      if (line === '') line = w;
      else if (line.length + 1 + w.length <= width) line += ` ${w}`;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out.join(sep);
}

function base32(b: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of b) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function adler32(b: Buffer): number {
  let a = 1;
  let c = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    c = (c + a) % 65521;
  }
  return ((c << 16) | a) >>> 0;
}

export { ExecError };

/** Go's fmt: Sprint/Sprintln/Sprintf with the verbs and flags templates use. */
import { GoStruct, goTypeName, isMap, isNil, sortedKeys } from './values.js';

/** strconv.FormatFloat(f, 'g', -1, 64), which fmt's %v uses: %e when the exponent is < -4 or >= 6. */
export function formatFloatG(f: number, upper = false): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // JavaScript's shortest round-trip digits are Go's shortest digits.
  const [mant, expStr] = f.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) return fmtExp(mant, exp, upper);
  return String(f);
}

function fmtExp(mant: string, exp: number, upper: boolean): string {
  const sign = exp < 0 ? '-' : '+';
  const digits = String(Math.abs(exp)).padStart(2, '0');
  return `${mant}${upper ? 'E' : 'e'}${sign}${digits}`;
}

/** %v of any value. */
export function formatValue(v: unknown, plusV = false): string {
  if (isNil(v)) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return formatFloatG(v);
    case 'function':
      return '0x0';
  }
  if (Array.isArray(v)) return `[${v.map((x) => formatValue(x, plusV)).join(' ')}]`;
  if (v instanceof Uint8Array) return `[${Array.from(v).join(' ')}]`;
  if (v instanceof GoStruct)
    return `{${Object.entries(v.fields)
      .map(([k, x]) => (plusV ? `${k}:${formatValue(x, plusV)}` : formatValue(x, plusV)))
      .join(' ')}}`;
  if (isMap(v))
    return `map[${sortedKeys(v)
      .map((k) => `${k}:${formatValue(v[k], plusV)}`)
      .join(' ')}]`;
  return String(v);
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function goSprint(args: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && typeof args[i] !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(args[i]);
  }
  return out;
}

export function goSprintln(args: readonly unknown[]): string {
  return `${args.map((a) => formatValue(a)).join(' ')}\n`;
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0xfffd) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  space: boolean;
  zero: boolean;
  sharp: boolean;
  width: number | undefined;
  prec: number | undefined;
}

function pad(s: string, spec: Spec, numeric = false): string {
  if (spec.width === undefined || s.length >= spec.width) return s;
  if (spec.minus) return s.padEnd(spec.width, ' ');
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(s) ? (s[0] as string) : '';
    return sign + s.slice(sign.length).padStart(spec.width - sign.length, '0');
  }
  return s.padStart(spec.width, ' ');
}

function bad(verb: string, v: unknown): string {
  if (isNil(v)) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function signed(s: string, spec: Spec, negative: boolean): string {
  if (negative) return `-${s}`;
  if (spec.plus) return `+${s}`;
  if (spec.space) return ` ${s}`;
  return s;
}

function fmtInteger(n: bigint, verb: string, spec: Spec): string {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let s: string;
  switch (verb) {
    case 'd':
    case 'v':
      s = abs.toString(10);
      break;
    case 'x':
      s = abs.toString(16);
      if (spec.sharp) s = `0x${s}`;
      break;
    case 'X':
      s = abs.toString(16).toUpperCase();
      if (spec.sharp) s = `0X${s}`;
      break;
    case 'o':
      s = abs.toString(8);
      if (spec.sharp) s = `0${s}`;
      break;
    case 'O':
      s = `0o${abs.toString(8)}`;
      break;
    case 'b':
      s = abs.toString(2);
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n)), spec);
    case 'q':
      return pad(`'${String.fromCodePoint(Number(n))}'`, spec);
    case 'U':
      return pad(`U+${abs.toString(16).toUpperCase().padStart(4, '0')}`, spec);
    default:
      return bad(verb, n);
  }
  if (spec.prec !== undefined) s = s.padStart(spec.prec, '0');
  return pad(signed(s, spec, neg), spec, spec.prec === undefined);
}

function fmtFloat(f: number, verb: string, spec: Spec): string {
  const neg = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  let s: string;
  if (!Number.isFinite(a)) s = Number.isNaN(a) ? 'NaN' : 'Inf';
  else
    switch (verb) {
      case 'v':
      case 'g':
      case 'G':
        if (spec.prec !== undefined) {
          const p = Math.max(1, spec.prec);
          const [m, e] = a.toExponential(p - 1).split('e') as [string, string];
          const exp = Number(e);
          if (exp < -4 || exp >= p) s = fmtExp(m.replace(/\.?0+$/, ''), exp, verb === 'G');
          else s = String(Number(a.toPrecision(p)));
        } else s = formatFloatG(a, verb === 'G');
        break;
      case 'f':
      case 'F':
        s = a.toFixed(spec.prec ?? 6);
        break;
      case 'e':
      case 'E': {
        const [m, e] = a.toExponential(spec.prec ?? 6).split('e') as [string, string];
        s = fmtExp(m, Number(e), verb === 'E');
        break;
      }
      default:
        return bad(verb, f);
    }
  if (Number.isNaN(f)) return pad(spec.plus ? '+NaN' : 'NaN', spec);
  return pad(signed(s, spec, neg && !Number.isNaN(f)), spec, Number.isFinite(a));
}

function fmtString(s: string, verb: string, spec: Spec): string {
  switch (verb) {
    case 's':
    case 'v':
      // Go pads strings with zeros too under the 0 flag.
      return pad(spec.prec !== undefined ? [...s].slice(0, spec.prec).join('') : s, spec, true);
    case 'q':
      return pad(spec.sharp && !s.includes('`') ? `\`${s}\`` : goQuote(s), spec);
    case 'x':
    case 'X': {
      let h = Buffer.from(s, 'utf8').toString('hex');
      if (verb === 'X') h = h.toUpperCase();
      return pad(h, spec);
    }
    default:
      return bad(verb, s);
  }
}

function fmtOne(v: unknown, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(goTypeName(v), spec);
  if (isNil(v)) return verb === 'v' ? pad('<nil>', spec) : bad(verb, v);
  if (typeof v === 'bigint') return fmtInteger(v, verb, spec);
  if (typeof v === 'number') return fmtFloat(v, verb, spec);
  if (typeof v === 'string') return fmtString(v, verb, spec);
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? pad(String(v), spec) : bad(verb, v);
  if (Array.isArray(v)) {
    if (verb === 'v' || verb === 's' || verb === 'd' || verb === 'q' || verb === 'x')
      return pad(`[${v.map((x) => fmtOne(x, verb, { ...spec, width: undefined })).join(' ')}]`, spec);
    return bad(verb, v);
  }
  if (isMap(v)) {
    return pad(
      `map[${sortedKeys(v)
        .map(
          (k) =>
            `${fmtOne(k, verb, { ...spec, width: undefined })}:${fmtOne(v[k], verb, { ...spec, width: undefined })}`,
        )
        .join(' ')}]`,
      spec,
    );
  }
  return pad(formatValue(v, spec.plus), spec);
}

/** fmt.Sprintf. */
export function goSprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i] as string;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const spec: Spec = {
      minus: false,
      plus: false,
      space: false,
      zero: false,
      sharp: false,
      width: undefined,
      prec: undefined,
    };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = true;
      else if (f === '#') spec.sharp = true;
      else break;
    }
    if (format[i] === '*') {
      spec.width = Number(args[argi++] ?? 0);
      i++;
    } else {
      let w = '';
      while (/[0-9]/.test(format[i] ?? '')) w += format[i++];
      if (w) spec.width = Number(w);
    }
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        spec.prec = Number(args[argi++] ?? 0);
        i++;
      } else {
        let p = '';
        while (/[0-9]/.test(format[i] ?? '')) p += format[i++];
        spec.prec = p ? Number(p) : 0;
      }
    }
    const verb = format[i++];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += fmtOne(args[argi++], verb, spec);
  }
  if (argi < args.length)
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => `${goTypeName(a)}=${formatValue(a)}`)
      .join(', ')})`;
  return out;
}

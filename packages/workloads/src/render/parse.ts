/**
 * A parser for Go's text/template language: text and `{{ }}` actions, whitespace trim markers
 * (`{{- ` and ` -}}`), comments, pipelines, variables and the control structures. Lines are
 * kept on every node so rendered output can be mapped back to the template.
 */

export class TemplateError extends Error {
  readonly code = 'template-error';
  constructor(
    message: string,
    readonly template: string,
    readonly line: number,
    /** The function or construct this renderer does not support, when that is the cause. */
    readonly unsupported?: string,
  ) {
    super(`${template}:${line}: ${message}`);
  }
}

export type Arg =
  | { t: 'dot' }
  | { t: 'field'; names: string[] }
  | { t: 'var'; name: string; names: string[] }
  | { t: 'ident'; name: string }
  | { t: 'string'; value: string }
  | { t: 'number'; value: number | bigint }
  | { t: 'bool'; value: boolean }
  | { t: 'nil' }
  | { t: 'pipe'; pipe: Pipeline; names: string[] };

export interface Command {
  args: Arg[];
}

export interface Pipeline {
  decl: string[];
  /** `=` instead of `:=`. */
  assign: boolean;
  cmds: Command[];
  line: number;
}

export type Node =
  | { t: 'text'; text: string; line: number }
  | { t: 'action'; pipe: Pipeline; line: number }
  | { t: 'if' | 'with'; pipe: Pipeline; list: Node[]; elseList: Node[] | undefined; line: number }
  | { t: 'range'; pipe: Pipeline; list: Node[]; elseList: Node[] | undefined; line: number }
  | { t: 'template'; name: string; pipe: Pipeline | undefined; line: number }
  | { t: 'break' | 'continue'; line: number };

export interface ParsedTemplate {
  /** The file's own body. */
  root: Node[];
  /** `define`/`block` bodies found in the file, by name. */
  defines: Map<string, Node[]>;
}

type Tok =
  | { k: 'text'; v: string; line: number }
  | { k: 'open'; line: number }
  | { k: 'close'; line: number }
  | { k: 'comment'; line: number }
  | { k: 'ident' | 'field' | 'var' | 'string' | 'number' | 'char' | 'op'; v: string; line: number; adj?: boolean };

const SPACE = { test: (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' };

function isWord(c: string | undefined): boolean {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  return (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122) || x === 95 || x > 127;
}

function lex(src: string, name: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  let trimNext = false;
  const countLines = (from: number, to: number) => {
    for (let j = from; j < to; j++) if (src.charCodeAt(j) === 10) line++;
  };
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    const textEnd = open === -1 ? src.length : open;
    let text = src.slice(i, textEnd);
    const textLine = line;
    let leftTrim = false;
    if (open !== -1 && src[open + 2] === '-' && SPACE.test(src[open + 3] ?? '')) leftTrim = true;
    let leadTrimmed = 0;
    if (trimNext) {
      const trimmed = text.replace(/^[ \t\r\n]+/, '');
      leadTrimmed = text.length - trimmed.length;
      text = trimmed;
    }
    if (leftTrim) text = text.replace(/[ \t\r\n]+$/, '');
    // The text token's line is where its first kept character sits.
    let tl = textLine;
    for (let j = i; j < i + leadTrimmed; j++) if (src.charCodeAt(j) === 10) tl++;
    if (text.length > 0) toks.push({ k: 'text', v: text, line: tl });
    countLines(i, textEnd);
    if (open === -1) break;
    i = open + 2;
    if (leftTrim) i += 2;
    const actionLine = line;
    // Comments: {{/* ... */}} with optional trim markers.
    let j = i;
    while (j < src.length && SPACE.test(src[j] as string) && leftTrim) j++;
    if (src.startsWith('/*', leftTrim ? j : i)) {
      const start = leftTrim ? j : i;
      const end = src.indexOf('*/', start + 2);
      if (end === -1) throw new TemplateError('unclosed comment', name, actionLine);
      let k = end + 2;
      let rightTrim = false;
      if (src.startsWith(' -}}', k) || src.startsWith('\t-}}', k) || src.startsWith('\n-}}', k)) {
        rightTrim = true;
        k += 4;
      } else if (src.startsWith('}}', k)) k += 2;
      else throw new TemplateError('comment ends before closing delimiter', name, actionLine);
      countLines(i, k);
      i = k;
      trimNext = rightTrim;
      toks.push({ k: 'comment', line: actionLine });
      continue;
    }
    toks.push({ k: 'open', line: actionLine });
    trimNext = false;
    // Tokens until }}.
    for (;;) {
      while (i < src.length && SPACE.test(src[i] as string)) {
        if (src[i] === '\n') line++;
        // ` -}}`
        if (src[i + 1] === '-' && src.startsWith('}}', i + 2)) {
          trimNext = true;
          i += 4;
          toks.push({ k: 'close', line });
          break;
        }
        i++;
      }
      if (trimNext && toks[toks.length - 1]?.k === 'close') break;
      if (i >= src.length) throw new TemplateError('unclosed action', name, actionLine);
      if (src.startsWith('}}', i)) {
        i += 2;
        toks.push({ k: 'close', line });
        break;
      }
      const c = src[i] as string;
      const start = i;
      if (c === '"') {
        i++;
        while (i < src.length && src[i] !== '"') {
          if (src[i] === '\\') i++;
          if (src[i] === '\n') throw new TemplateError('unterminated quoted string', name, line);
          i++;
        }
        i++;
        toks.push({ k: 'string', v: src.slice(start, i), line });
      } else if (c === '`') {
        const end = src.indexOf('`', i + 1);
        if (end === -1) throw new TemplateError('unterminated raw quoted string', name, line);
        i = end + 1;
        const v = src.slice(start, i);
        toks.push({ k: 'string', v, line });
        countLines(start, i);
      } else if (c === "'") {
        i++;
        while (i < src.length && src[i] !== "'") {
          if (src[i] === '\\') i++;
          i++;
        }
        i++;
        toks.push({ k: 'char', v: src.slice(start, i), line });
      } else if (c === '$') {
        i++;
        while (i < src.length && (isWord(src[i]) || src[i] === '.')) i++;
        toks.push({ k: 'var', v: src.slice(start, i), line });
      } else if (c === '.' && !/[0-9]/.test(src[i + 1] ?? '')) {
        i++;
        while (i < src.length && (isWord(src[i]) || src[i] === '.')) i++;
        toks.push({ k: 'field', v: src.slice(start, i), line, adj: src[start - 1] === ')' });
      } else if (/[0-9+\-.]/.test(c) && /[0-9.]/.test(c === '+' || c === '-' ? (src[i + 1] ?? '') : c)) {
        i++;
        while (i < src.length && /[\w.+-]/.test(src[i] as string)) {
          if ((src[i] === '+' || src[i] === '-') && !/[eEpP]/.test(src[i - 1] as string)) break;
          i++;
        }
        toks.push({ k: 'number', v: src.slice(start, i), line });
      } else if (/[A-Za-z_]/.test(c)) {
        while (i < src.length && isWord(src[i])) i++;
        toks.push({ k: 'ident', v: src.slice(start, i), line });
      } else if (src.startsWith(':=', i)) {
        i += 2;
        toks.push({ k: 'op', v: ':=', line });
      } else if ('|()=,'.includes(c)) {
        i++;
        toks.push({ k: 'op', v: c, line });
      } else {
        throw new TemplateError(`unexpected "${c}" in action`, name, line);
      }
    }
  }
  return toks;
}

function unquoteGo(raw: string, name: string, line: number): string {
  if (raw.startsWith('`')) return raw.slice(1, -1);
  let out = '';
  const body = raw.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    switch (n) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case '"':
        out += '"';
        break;
      case "'":
        out += "'";
        break;
      case 'x':
        out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 3), 16));
        i += 2;
        break;
      case 'u':
        out += String.fromCodePoint(Number.parseInt(body.slice(i + 1, i + 5), 16));
        i += 4;
        break;
      case 'U':
        out += String.fromCodePoint(Number.parseInt(body.slice(i + 1, i + 9), 16));
        i += 8;
        break;
      default:
        if (n !== undefined && /[0-7]/.test(n)) {
          out += String.fromCharCode(Number.parseInt(body.slice(i, i + 3), 8));
          i += 2;
        } else throw new TemplateError(`unknown escape \\${n}`, name, line);
    }
  }
  return out;
}

function parseNumber(v: string, name: string, line: number): number | bigint {
  const clean = v.replace(/_/g, '');
  if (/^[+-]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/.test(clean)) {
    const neg = clean.startsWith('-');
    let body = clean.replace(/^[+-]/, '');
    if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
    const n = BigInt(body);
    return neg ? -n : n;
  }
  const f = Number(clean);
  if (Number.isNaN(f)) throw new TemplateError(`bad number syntax: "${v}"`, name, line);
  return f;
}

class Parser {
  private pos = 0;
  readonly defines = new Map<string, Node[]>();

  constructor(
    private readonly toks: Tok[],
    private readonly name: string,
  ) {}

  private err(msg: string, line?: number): never {
    throw new TemplateError(msg, this.name, line ?? this.toks[this.pos]?.line ?? 0);
  }

  private peek(): Tok | undefined {
    return this.toks[this.pos];
  }

  /** Parses nodes until one of the stop keywords opens an action; returns that keyword. */
  list(stops: readonly string[]): { nodes: Node[]; stop: string | undefined; line: number } {
    const nodes: Node[] = [];
    for (;;) {
      const tok = this.toks[this.pos];
      if (!tok) {
        if (stops.length > 0) this.err(`unexpected EOF, expected {{end}}`);
        return { nodes, stop: undefined, line: 0 };
      }
      if (tok.k === 'text') {
        nodes.push({ t: 'text', text: tok.v, line: tok.line });
        this.pos++;
        continue;
      }
      if (tok.k === 'comment') {
        this.pos++;
        continue;
      }
      if (tok.k !== 'open') this.err('unexpected token');
      const kw = this.toks[this.pos + 1];
      const line = tok.line;
      if (kw?.k === 'ident' && ['end', 'else'].includes(kw.v)) {
        if (!stops.includes(kw.v)) this.err(`unexpected {{${kw.v}}}`);
        this.pos += 2;
        return { nodes, stop: kw.v, line };
      }
      this.pos++;
      nodes.push(this.action(line));
    }
  }

  private expectClose(): void {
    const t = this.toks[this.pos];
    if (t?.k !== 'close') this.err(`unexpected ${t ? `"${'v' in t ? t.v : t.k}"` : 'EOF'} in action`);
    this.pos++;
  }

  private action(line: number): Node {
    const kw = this.peek();
    if (kw?.k === 'ident') {
      switch (kw.v) {
        case 'if':
        case 'with':
        case 'range':
          this.pos++;
          return this.control(kw.v, line);
        case 'break':
        case 'continue':
          this.pos++;
          this.expectClose();
          return { t: kw.v, line };
        case 'template':
          this.pos++;
          return this.templateCall(line, false);
        case 'block':
          this.pos++;
          return this.templateCall(line, true);
        case 'define': {
          this.pos++;
          const n = this.peek();
          if (n?.k !== 'string') this.err('define needs a quoted name');
          this.pos++;
          this.expectClose();
          const body = this.list(['end']);
          this.expectClose();
          this.defines.set(unquoteGo(n.v, this.name, line), body.nodes);
          return { t: 'text', text: '', line };
        }
      }
    }
    const pipe = this.pipeline(line, true);
    this.expectClose();
    return { t: 'action', pipe, line };
  }

  private templateCall(line: number, block: boolean): Node {
    const n = this.peek();
    if (n?.k !== 'string') this.err(`${block ? 'block' : 'template'} needs a quoted name`);
    this.pos++;
    const name = unquoteGo(n.v, this.name, line);
    let pipe: Pipeline | undefined;
    if (this.peek()?.k !== 'close') pipe = this.pipeline(line, false);
    this.expectClose();
    if (block) {
      const body = this.list(['end']);
      this.expectClose();
      if (!this.defines.has(name)) this.defines.set(name, body.nodes);
    }
    return { t: 'template', name, pipe, line };
  }

  private control(kind: 'if' | 'with' | 'range', line: number): Node {
    const pipe = this.pipeline(line, kind === 'range' || kind === 'if' || kind === 'with');
    this.expectClose();
    const body = this.list(['end', 'else']);
    let elseList: Node[] | undefined;
    if (body.stop === 'else') {
      const next = this.peek();
      // `else if` / `else with` chain into a nested node that consumes the shared {{end}}.
      if (next?.k === 'ident' && (next.v === 'if' || next.v === 'with') && kind !== 'range') {
        this.pos++;
        elseList = [this.control(next.v as 'if' | 'with', body.line)];
      } else {
        this.expectClose();
        elseList = this.list(['end']).nodes;
        this.expectClose();
      }
    } else this.expectClose();
    return { t: kind, pipe, list: body.nodes, elseList, line };
  }

  private pipeline(line: number, allowDecl: boolean): Pipeline {
    const decl: string[] = [];
    let assign = false;
    // Declarations: $x := / $x = / $i, $v :=
    const save = this.pos;
    if (allowDecl && this.peek()?.k === 'var') {
      const vars: string[] = [];
      let p = this.pos;
      for (;;) {
        const t = this.toks[p];
        if (t?.k !== 'var') break;
        vars.push(t.v);
        p++;
        const sep = this.toks[p];
        if (sep?.k === 'op' && sep.v === ',') {
          p++;
          continue;
        }
        break;
      }
      const op = this.toks[p];
      if (op?.k === 'op' && (op.v === ':=' || op.v === '=')) {
        decl.push(...vars);
        assign = op.v === '=';
        this.pos = p + 1;
      } else this.pos = save;
    }
    const cmds: Command[] = [];
    for (;;) {
      cmds.push(this.command());
      const t = this.peek();
      if (t?.k === 'op' && t.v === '|') {
        this.pos++;
        continue;
      }
      break;
    }
    if (cmds.some((c) => c.args.length === 0)) this.err('missing command');
    return { decl, assign, cmds, line };
  }

  private command(): Command {
    const args: Arg[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || t.k === 'close') break;
      if (t.k === 'op' && (t.v === '|' || t.v === ')')) break;
      args.push(this.operand());
    }
    return { args };
  }

  private fieldNames(v: string): string[] {
    return v.split('.').filter((s) => s !== '');
  }

  private operand(): Arg {
    const t = this.peek() as Tok;
    this.pos++;
    let arg: Arg;
    switch (t.k) {
      case 'field':
        arg = t.v === '.' ? { t: 'dot' } : { t: 'field', names: this.fieldNames(t.v) };
        break;
      case 'var': {
        const [head, ...rest] = t.v.split('.');
        arg = { t: 'var', name: head as string, names: rest.filter((s) => s !== '') };
        break;
      }
      case 'string':
        arg = { t: 'string', value: unquoteGo(t.v, this.name, t.line) };
        break;
      case 'char':
        arg = { t: 'number', value: BigInt(unquoteGo(`"${t.v.slice(1, -1)}"`, this.name, t.line).codePointAt(0) ?? 0) };
        break;
      case 'number':
        arg = { t: 'number', value: parseNumber(t.v, this.name, t.line) };
        break;
      case 'ident':
        if (t.v === 'true' || t.v === 'false') arg = { t: 'bool', value: t.v === 'true' };
        else if (t.v === 'nil') arg = { t: 'nil' };
        else arg = { t: 'ident', name: t.v };
        break;
      case 'op':
        if (t.v === '(') {
          const pipe = this.pipeline(t.line, true);
          const close = this.peek();
          if (close?.k !== 'op' || close.v !== ')') this.err('unclosed left paren');
          this.pos++;
          arg = { t: 'pipe', pipe, names: [] };
          break;
        }
        this.err(`unexpected "${t.v}" in operand`);
        break;
      default:
        this.err('unexpected token in operand');
    }
    // `(pipe).a.b`: a field token written right after the closing paren chains onto it.
    const next = this.peek();
    if (next?.k === 'field' && next.adj && arg.t === 'pipe') {
      arg.names.push(...this.fieldNames(next.v));
      this.pos++;
    }
    return arg;
  }
}

// Parsed trees are immutable, and chart collections repeat the same helper files (a library
// chart vendored into every chart): successful parses are shared by source text.
const cache = new Map<string, ParsedTemplate>();

export function parseTemplate(src: string, name: string): ParsedTemplate {
  const hit = cache.get(src);
  if (hit) return hit;
  const toks = lex(src, name);
  const p = new Parser(toks, name);
  const { nodes } = p.list([]);
  const parsed = { root: nodes, defines: p.defines };
  if (cache.size >= 4000) cache.clear();
  cache.set(src, parsed);
  return parsed;
}

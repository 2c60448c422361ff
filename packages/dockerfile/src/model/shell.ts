import { createRequire } from 'node:module';

/* mvdan-sh is a GopherJS build without types; these are the few shapes we touch. */
// biome-ignore lint/suspicious/noExplicitAny: untyped GopherJS objects
type Node = any;

interface Syntax {
  NewParser(): { Parse(src: string, name: string): Node };
  NodeType(node: Node): string;
}

let syntax: Syntax | undefined;
let parser: { Parse(src: string, name: string): Node } | undefined;

/** Loaded on first use: the GopherJS bundle costs ~100 ms to load, and files without RUN never need it. */
function load(): { syntax: Syntax; parser: { Parse(src: string, name: string): Node } } {
  if (!syntax || !parser) {
    const require = createRequire(import.meta.url);
    syntax = (require('mvdan-sh') as { syntax: Syntax }).syntax;
    parser = syntax.NewParser();
  }
  return { syntax, parser };
}

/** One shell word: its value with quotes removed (expansions kept as written) and its file offsets. */
export interface ShellWord {
  value: string;
  /** True when the value contains an expansion ($VAR, $(...), arithmetic) we cannot resolve. */
  dynamic: boolean;
  start: number;
  end: number;
}

export interface ShellAssign {
  name: string;
  value: string;
  dynamic: boolean;
  start: number;
  end: number;
}

/** A simple command of a RUN body, after unwrapping `sudo`, `env`, `nice`... */
export interface ShellCommand {
  /** Program base name (`/usr/bin/apt-get` -> `apt-get`); '' for a bare assignment. */
  name: string;
  /** The program word and its arguments. */
  argv: ShellWord[];
  /** Arguments after the program word. */
  args: ShellWord[];
  /** Wrappers stripped from the front, e.g. `['sudo']`. */
  wrappers: string[];
  /** `VAR=value` prefixes (and `export VAR=value`). */
  assigns: ShellAssign[];
  start: number;
  end: number;
  /** Set when the command is part of a `a | b | c` pipeline. */
  pipeline?: { id: number; index: number; length: number };
  /** Command substitutions and process substitutions found in this command's words. */
  substitutions: ShellCommand[];
  /** True for commands inside `$(...)`, backquotes or `<(...)`. */
  inSubstitution: boolean;
  /** Redirections of the statement: operator and target word value. */
  redirects: { op: string; target: string; heredoc?: string }[];
  /** Order of appearance in the script. */
  order: number;
}

export interface ParsedScript {
  commands: ShellCommand[];
  error?: { message: string; offset: number };
}

/** Maps an offset in the parsed text back to a file offset. */
export type OffsetMap = (offset: number) => number;

const WRAPPERS = new Set([
  'sudo',
  'env',
  'nice',
  'nohup',
  'time',
  'exec',
  'command',
  'eatmydata',
  'timeout',
  'stdbuf',
  'chronic',
  'doas',
  'gosu',
  'su-exec',
]);
const SUDO_VALUE_FLAGS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group']);

function basename(word: string): string {
  const i = word.lastIndexOf('/');
  return i === -1 ? word : word.slice(i + 1);
}

/** Strips `sudo`, `env VAR=x`, `nice -n 5`... from the front so the real program is argv[0]. */
function unwrap(input: ShellWord[], assigns: ShellAssign[]): { argv: ShellWord[]; wrappers: string[] } {
  let argv = input;
  const wrappers: string[] = [];
  for (let guard = 0; guard < 4 && argv.length > 0; guard++) {
    const head = basename(argv[0]?.value ?? '');
    if (!WRAPPERS.has(head)) break;
    wrappers.push(head);
    let i = 1;
    while (i < argv.length) {
      const v = argv[i]?.value ?? '';
      if (head === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
        const eq = v.indexOf('=');
        const w = argv[i] as ShellWord;
        assigns.push({ name: v.slice(0, eq), value: v.slice(eq + 1), dynamic: w.dynamic, start: w.start, end: w.end });
        i++;
        continue;
      }
      if (!v.startsWith('-')) {
        if ((head === 'timeout' || head === 'gosu' || head === 'su-exec') && i === 1) {
          i++;
          continue;
        }
        break;
      }
      if (
        (head === 'sudo' && SUDO_VALUE_FLAGS.has(v)) ||
        (head === 'nice' && v === '-n') ||
        (head === 'env' && v === '-u')
      )
        i++;
      i++;
    }
    argv = argv.slice(i);
  }
  return { argv, wrappers };
}

const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'function',
  'select',
  'time',
  'coproc',
  'export',
  'declare',
  'local',
  'readonly',
  'typeset',
  'nameref',
  'let',
  '!',
  '{',
  '}',
  '[[',
  'in',
]);

/**
 * Parses the simple subset most RUN bodies are written in (words, quotes without escapes,
 * `$VAR`, `&&`, `||`, `;`, `|`, simple redirections, comments) without loading the GopherJS
 * parser; returns undefined for anything else so mvdan-sh handles it. The result is identical
 * to mvdan-sh's for the subset (a differential test checks this).
 */
export function parseSimpleShell(source: string, map: OffsetMap): ParsedScript | undefined {
  const commands: ShellCommand[] = [];
  let i = 0;
  const n = source.length;
  let words: ShellWord[] = [];
  let assigns: ShellAssign[] = [];
  let redirects: ShellCommand['redirects'] = [];
  let pipeline: ShellWord[][] = [];
  let pipelineMeta: { words: ShellWord[]; assigns: ShellAssign[]; redirects: ShellCommand['redirects'] }[] = [];
  let pipelineId = 0;
  let order = 0;
  let pendingRedirect: string | undefined;

  const endCommand = (): boolean => {
    if (pendingRedirect !== undefined) return false;
    if (words.length === 0 && assigns.length === 0) return redirects.length === 0;
    pipelineMeta.push({ words, assigns, redirects });
    words = [];
    assigns = [];
    redirects = [];
    return true;
  };
  const endPipeline = (): boolean => {
    if (!endCommand()) return false;
    const id = pipelineMeta.length > 1 ? ++pipelineId : 0;
    pipelineMeta.forEach((c, index) => {
      const first = c.assigns[0]?.start ?? c.words[0]?.start ?? 0;
      const lastWord = c.words[c.words.length - 1];
      const lastAssign = c.assigns[c.assigns.length - 1];
      const end = lastWord ? lastWord.end : (lastAssign?.end ?? first);
      const { argv, wrappers } = unwrap(c.words, c.assigns);
      const cmd: ShellCommand = {
        name: argv.length > 0 ? basename(argv[0]?.value ?? '') : '',
        argv,
        args: argv.slice(1),
        wrappers,
        assigns: c.assigns,
        start: first,
        end,
        substitutions: [],
        inSubstitution: false,
        redirects: c.redirects,
        order: order++,
      };
      if (id) cmd.pipeline = { id, index, length: pipelineMeta.length };
      commands.push(cmd);
    });
    pipelineMeta = [];
    pipeline = [];
    return true;
  };
  void pipeline;

  while (i < n) {
    const c = source[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      if (c === ';' && source[i + 1] === ';') return undefined;
      if (pipelineMeta.length > 0 && words.length === 0 && assigns.length === 0) return undefined;
      if (!endPipeline()) return undefined;
      i++;
      continue;
    }
    if (c === '#') {
      if (words.length > 0 || assigns.length > 0 || pendingRedirect !== undefined) {
        // `#` directly after a word char would be part of the word; here it follows blanks.
      }
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '&' || c === '|') {
      const two = source.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        if (words.length === 0 && assigns.length === 0) return undefined;
        if (!endPipeline()) return undefined;
        i += 2;
        continue;
      }
      if (c === '|') {
        if (two === '|&') return undefined;
        if (words.length === 0 && assigns.length === 0) return undefined;
        if (!endCommand()) return undefined;
        i++;
        continue;
      }
      if (two === '&>') {
        pendingRedirect = '&>';
        i += 2;
        continue;
      }
      return undefined; // background jobs and other forms: leave to mvdan-sh
    }
    if (c === '>' || c === '<') {
      if (pendingRedirect !== undefined) return undefined;
      let op = c;
      let j = i + 1;
      if (source[j] === '>' && c === '>') {
        op += '>';
        j++;
      }
      if (source[j] === '&') {
        // 2>&1 style duplication: target must be a digit or '-'
        const t = source[j + 1];
        if (t === undefined || !/[0-9-]/.test(t)) return undefined;
        redirects.push({ op: `${op}&`, target: t });
        i = j + 2;
        continue;
      }
      if (source[j] === '(' || source[j] === '<') return undefined;
      pendingRedirect = op;
      i = j;
      continue;
    }
    if (c === '(' || c === ')' || c === '{' || c === '}' || c === '`' || c === '\\') return undefined;
    // A word: runs of unquoted chars, 'single' and "double" quoted parts.
    const start = i;
    let value = '';
    let dynamic = false;
    let quoted = false;
    while (i < n) {
      const ch = source[i] as string;
      if (
        ch === ' ' ||
        ch === '\t' ||
        ch === '\n' ||
        ch === ';' ||
        ch === '&' ||
        ch === '|' ||
        ch === '<' ||
        ch === '>'
      )
        break;
      if (ch === '(' || ch === ')' || ch === '`' || ch === '\\' || ch === '{' || ch === '}') {
        if ((ch === '{' || ch === '}') && i > start) {
          value += ch;
          i++;
          continue;
        }
        return undefined;
      }
      if (ch === "'") {
        const close = source.indexOf("'", i + 1);
        if (close === -1) return undefined;
        value += source.slice(i + 1, close);
        quoted = true;
        i = close + 1;
        continue;
      }
      if (ch === '"') {
        let j = i + 1;
        while (j < n && source[j] !== '"') {
          const d = source[j] as string;
          if (d === '\\' || d === '`') return undefined;
          if (d === '$') {
            const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(source.slice(j, j + 200));
            if (!m) return undefined;
            value += `\${${m[1] ?? m[2]}}`;
            dynamic = true;
            j += m[0].length;
            continue;
          }
          value += d;
          j++;
        }
        if (j >= n) return undefined;
        quoted = true;
        i = j + 1;
        continue;
      }
      if (ch === '$') {
        const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(source.slice(i, i + 200));
        if (!m) return undefined;
        value += `\${${m[1] ?? m[2]}}`;
        dynamic = true;
        i += m[0].length;
        continue;
      }
      if (ch === '#' && i === start) break;
      value += ch;
      i++;
    }
    if (i === start) return undefined;
    const word: ShellWord = { value, dynamic, start: map(start), end: map(i) };
    if (pendingRedirect !== undefined) {
      redirects.push({ op: pendingRedirect, target: value });
      pendingRedirect = undefined;
      continue;
    }
    if (/^[0-9]+$/.test(value) && !quoted && (source[i] === '>' || source[i] === '<')) {
      continue; // fd number of a redirection such as 2>/dev/null
    }
    if (words.length === 0) {
      const eq = value.includes('=') ? /^[A-Za-z_][A-Za-z0-9_]*=/.exec(source.slice(start, i)) : null;
      if (eq) {
        const rawValue = value.slice(value.indexOf('=') + 1);
        assigns.push({ name: eq[0].slice(0, -1), value: rawValue, dynamic, start: word.start, end: word.end });
        continue;
      }
      if (!quoted && RESERVED.has(value)) return undefined;
      if (value === '[[' || value.startsWith('[[')) return undefined;
    }
    words.push(word);
  }
  if (pipelineMeta.length > 0 && words.length === 0 && assigns.length === 0) return undefined;
  if (!endPipeline()) return undefined;
  return { commands };
}

/** Parses a shell script. Never throws: a syntax error comes back in `error` with no commands. */
export function parseShell(source: string, map: OffsetMap, options: { fastPath?: boolean } = {}): ParsedScript {
  if (options.fastPath !== false) {
    const simple = parseSimpleShell(source, map);
    if (simple) return simple;
  }
  const { syntax: sx, parser: p } = load();
  let file: Node;
  const toChar = byteToCharMapper(source);
  try {
    file = p.Parse(source, '');
  } catch (error) {
    const e = error as Node;
    let message = 'shell syntax error';
    try {
      message = String(e?.Error?.() ?? e?.message ?? e);
    } catch {
      // keep the generic message
    }
    const m = /^(\d+):(\d+):/.exec(message);
    let offset = 0;
    if (m) {
      const line = Number(m[1]);
      let idx = 0;
      for (let l = 1; l < line && idx !== -1; l++) idx = source.indexOf('\n', idx) + 1;
      offset = Math.max(0, idx) + Number(m[2]) - 1;
    }
    return { commands: [], error: { message, offset: map(Math.min(offset, source.length)) } };
  }
  const commands: ShellCommand[] = [];
  let pipelineId = 0;
  let order = 0;
  const off = (pos: Node): number => map(toChar(pos.Offset()));

  function wordOf(word: Node, subs: ShellCommand[] | undefined): ShellWord {
    const state = { dynamic: false };
    const value = partsValue(word.Parts, state, subs);
    return { value, dynamic: state.dynamic, start: off(word.Pos()), end: off(word.End()) };
  }

  function partsValue(
    parts: Node[] | undefined,
    state: { dynamic: boolean },
    subs: ShellCommand[] | undefined,
  ): string {
    let out = '';
    for (const part of parts ?? []) {
      const type = sx.NodeType(part);
      switch (type) {
        case 'Lit':
          out += String(part.Value).replace(/\\(.)/g, '$1');
          break;
        case 'SglQuoted':
          out += String(part.Value);
          break;
        case 'DblQuoted':
          out += partsValue(part.Parts, state, subs);
          break;
        case 'ParamExp':
          state.dynamic = true;
          out += `\${${part.Param ? String(part.Param.Value) : ''}}`;
          break;
        case 'CmdSubst':
          state.dynamic = true;
          out += '$(...)';
          if (subs) walkStmts(part.Stmts, true, subs);
          break;
        case 'ProcSubst':
          state.dynamic = true;
          out += '<(...)';
          if (subs) walkStmts(part.Stmts, true, subs);
          break;
        default:
          state.dynamic = true;
          out += '$?';
      }
    }
    return out;
  }

  function walkStmts(stmts: Node[] | undefined, inSub: boolean, subs?: ShellCommand[]): void {
    for (const stmt of stmts ?? []) walkStmt(stmt, inSub, undefined, subs);
  }

  function walkStmt(stmt: Node, inSub: boolean, pipeline: ShellCommand['pipeline'], subs?: ShellCommand[]): void {
    if (!stmt) return;
    const cmd = stmt.Cmd;
    const redirects: ShellCommand['redirects'] = [];
    for (const r of stmt.Redirs ?? []) {
      const entry: ShellCommand['redirects'][number] = {
        op: String(r.Op),
        target: r.Word ? wordOf(r.Word, undefined).value : '',
      };
      if (r.Hdoc) entry.heredoc = wordOf(r.Hdoc, undefined).value;
      redirects.push(entry);
    }
    if (!cmd) return;
    const type = sx.NodeType(cmd);
    switch (type) {
      case 'CallExpr':
        addCall(cmd, inSub, pipeline, redirects, subs);
        break;
      case 'BinaryCmd': {
        const op = Number(cmd.Op);
        if (op === 12 || op === 13) {
          const parts: Node[] = [];
          const flatten = (s: Node): void => {
            if (s?.Cmd && sx.NodeType(s.Cmd) === 'BinaryCmd' && (Number(s.Cmd.Op) === 12 || Number(s.Cmd.Op) === 13)) {
              flatten(s.Cmd.X);
              flatten(s.Cmd.Y);
            } else parts.push(s);
          };
          flatten(stmt);
          const id = ++pipelineId;
          parts.forEach((s, index) => {
            walkStmt(s, inSub, { id, index, length: parts.length }, subs);
          });
        } else {
          walkStmt(cmd.X, inSub, undefined, subs);
          walkStmt(cmd.Y, inSub, undefined, subs);
        }
        break;
      }
      case 'Subshell':
      case 'Block':
        walkStmts(cmd.Stmts, inSub, subs);
        break;
      case 'IfClause': {
        let clause = cmd;
        while (clause) {
          walkStmts(clause.Cond, inSub, subs);
          walkStmts(clause.Then, inSub, subs);
          clause = clause.Else;
        }
        break;
      }
      case 'WhileClause':
        walkStmts(cmd.Cond, inSub, subs);
        walkStmts(cmd.Do, inSub, subs);
        break;
      case 'ForClause':
        walkStmts(cmd.Do, inSub, subs);
        break;
      case 'CaseClause':
        for (const item of cmd.Items ?? []) walkStmts(item.Stmts, inSub, subs);
        break;
      case 'FuncDecl':
        walkStmt(cmd.Body, inSub, undefined, subs);
        break;
      case 'TimeClause':
      case 'CoprocClause':
        walkStmt(cmd.Stmt, inSub, pipeline, subs);
        break;
      case 'DeclClause': {
        const assigns: ShellAssign[] = [];
        for (const a of cmd.Args ?? []) {
          if (!a.Name) continue;
          const w = a.Value ? wordOf(a.Value, undefined) : undefined;
          assigns.push({
            name: String(a.Name.Value),
            value: w?.value ?? '',
            dynamic: w?.dynamic ?? false,
            start: off(a.Pos()),
            end: off(a.End()),
          });
        }
        const variant = cmd.Variant ? String(cmd.Variant.Value) : 'export';
        const entry: ShellCommand = {
          name: variant,
          argv: [],
          args: [],
          wrappers: [],
          assigns,
          start: off(cmd.Pos()),
          end: off(cmd.End()),
          substitutions: [],
          inSubstitution: inSub,
          redirects,
          order: order++,
        };
        if (pipeline) entry.pipeline = pipeline;
        (subs ?? commands).push(entry);
        if (subs) commands.push(entry);
        break;
      }
      default:
        break;
    }
  }

  function addCall(
    call: Node,
    inSub: boolean,
    pipeline: ShellCommand['pipeline'],
    redirects: ShellCommand['redirects'],
    outerSubs?: ShellCommand[],
  ): void {
    const substitutions: ShellCommand[] = [];
    const assigns: ShellAssign[] = [];
    for (const a of call.Assigns ?? []) {
      if (!a.Name) continue;
      const w = a.Value ? wordOf(a.Value, substitutions) : undefined;
      assigns.push({
        name: String(a.Name.Value),
        value: w?.value ?? '',
        dynamic: w?.dynamic ?? false,
        start: off(a.Pos()),
        end: off(a.End()),
      });
    }
    const myOrder = order++;
    const { argv, wrappers } = unwrap(
      (call.Args ?? []).map((w: Node) => wordOf(w, substitutions)) as ShellWord[],
      assigns,
    );
    const entry: ShellCommand = {
      name: argv.length > 0 ? basename(argv[0]?.value ?? '') : '',
      argv,
      args: argv.slice(1),
      wrappers,
      assigns,
      start: off(call.Pos()),
      end: off(call.End()),
      substitutions,
      inSubstitution: inSub,
      redirects,
      order: myOrder,
    };
    if (pipeline) entry.pipeline = pipeline;
    commands.push(entry);
    if (outerSubs) outerSubs.push(entry);
  }

  walkStmts(file.Stmts, false);
  commands.sort((a, b) => a.order - b.order);
  return { commands };
}

/** mvdan-sh reports UTF-8 byte offsets; map them to JS string indexes when the text is not ASCII. */
function byteToCharMapper(source: string): (byteOffset: number) => number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
  if (!/[^\u0000-\u007f]/.test(source)) return (b) => b;
  const table: number[] = [];
  let bytes = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.codePointAt(i) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < size; k++) table[bytes + k] = i;
    bytes += size;
    if (code >= 0x10000) i++;
  }
  table[bytes] = source.length;
  return (b) => table[b] ?? source.length;
}

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

const WRAPPERS = new Set(['sudo', 'env', 'nice', 'nohup', 'time', 'exec', 'command', 'eatmydata', 'timeout', 'stdbuf', 'chronic', 'doas', 'gosu', 'su-exec']);
const SUDO_VALUE_FLAGS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group']);

function basename(word: string): string {
  const i = word.lastIndexOf('/');
  return i === -1 ? word : word.slice(i + 1);
}

/** Parses a shell script. Never throws: a syntax error comes back in `error` with no commands. */
export function parseShell(source: string, map: OffsetMap): ParsedScript {
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

  function partsValue(parts: Node[] | undefined, state: { dynamic: boolean }, subs: ShellCommand[] | undefined): string {
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
      const entry: ShellCommand['redirects'][number] = { op: String(r.Op), target: r.Word ? wordOf(r.Word, undefined).value : '' };
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
          parts.forEach((s, index) => walkStmt(s, inSub, { id, index, length: parts.length }, subs));
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

  function addCall(call: Node, inSub: boolean, pipeline: ShellCommand['pipeline'], redirects: ShellCommand['redirects'], outerSubs?: ShellCommand[]): void {
    const substitutions: ShellCommand[] = [];
    const assigns: ShellAssign[] = [];
    for (const a of call.Assigns ?? []) {
      if (!a.Name) continue;
      const w = a.Value ? wordOf(a.Value, substitutions) : undefined;
      assigns.push({ name: String(a.Name.Value), value: w?.value ?? '', dynamic: w?.dynamic ?? false, start: off(a.Pos()), end: off(a.End()) });
    }
    const myOrder = order++;
    let argv = (call.Args ?? []).map((w: Node) => wordOf(w, substitutions)) as ShellWord[];
    const wrappers: string[] = [];
    // Unwrap sudo/env/nice... so `sudo apt-get install x` is seen as apt-get.
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
        if ((head === 'sudo' && SUDO_VALUE_FLAGS.has(v)) || (head === 'nice' && v === '-n') || (head === 'env' && v === '-u')) i++;
        i++;
      }
      argv = argv.slice(i);
    }
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

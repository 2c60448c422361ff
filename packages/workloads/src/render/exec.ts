/**
 * Executes parsed Go templates: dot and variables, field chains, pipelines, functions, control
 * structures, `template` calls. Output goes to an Emitter that remembers, for every output line,
 * the template line that produced it and the values paths the producing action read.
 */
import { formatValue, goSprint } from './format.js';
import { type Arg, type Command, type Node, type Pipeline, TemplateError } from './parse.js';
import { GoMethod, GoStruct, goTypeName, isMap, isNil, sortedKeys, truthy } from './values.js';

/** Where an output line came from. */
export interface Origin {
  /** Template name (chart-relative path, e.g. `mychart/templates/deployment.yaml`). */
  template: string;
  line: number;
  /** Values paths (dotted, in the chart's scope) read by the action that wrote the line. */
  values?: string[];
}

/** Characters one template (or one include) may produce. */
export const MAX_OUTPUT = 32 * 1024 * 1024;

export class Emitter {
  private chunks: string[] = [];
  private size = 0;
  readonly origins: Origin[] = [];
  private cur = 0;
  private contentSet = false;
  /** Set while a `{{ template }}` call runs: its output maps to the call site. */
  override: Origin | undefined;

  /** Captured output (include, tpl) needs no source map. */
  constructor(private readonly track = true) {}

  write(text: string, origin: Origin, perLine: boolean): void {
    if (text.length === 0) return;
    this.size += text.length;
    // A template that writes this much is a bomb, not a manifest.
    if (this.size > MAX_OUTPUT)
      throw new ExecError(`output of more than ${MAX_OUTPUT} characters`, origin.template, origin.line);
    this.chunks.push(text);
    if (!this.track) return;
    const o = this.override;
    let k = 0;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const seg = nl === -1 ? text.slice(start) : text.slice(start, nl);
      const at: Origin = o ?? (perLine && k > 0 ? { ...origin, line: origin.line + k } : origin);
      const prev = this.origins[this.cur];
      if (!this.contentSet && /\S/.test(seg)) {
        // Values read by an earlier action on this line (a key written by `{{ }}`) stay known.
        this.origins[this.cur] = prev?.values && !at.values ? { ...at, values: prev.values } : at;
        this.contentSet = true;
      } else if (prev === undefined) this.origins[this.cur] = at;
      else if (at.values && seg.length > 0) {
        // A value written after the line's key: the line keeps its place and learns the values.
        this.origins[this.cur] = { ...prev, values: [...(prev.values ?? []), ...at.values] };
      }
      if (nl === -1) break;
      this.cur++;
      this.contentSet = false;
      k++;
      start = nl + 1;
    }
  }

  text(): string {
    return this.chunks.join('');
  }
}

export class ExecError extends TemplateError {}

/** `fail "message"` in a template. */
export class FailError extends ExecError {}

/** `required "message" .Values.x` with a missing value. */
export class RequiredError extends ExecError {}

class BreakSignal {}
class ContinueSignal {}

export interface FuncContext {
  state: ExecState;
  template: string;
  line: number;
  dot: unknown;
}

export type TemplateFunc = (ctx: FuncContext, ...args: unknown[]) => unknown;

export interface TemplateDef {
  nodes: Node[];
  /** The template (file) the define lives in. */
  template: string;
}

export interface ExecOptions {
  funcs: ReadonlyMap<string, TemplateFunc>;
  defines: Map<string, TemplateDef>;
  /** Objects of the values tree and their dotted path. */
  valuePaths: WeakMap<object, string>;
  /** Helm's include/tpl nesting limit. */
  maxDepth?: number;
}

interface Var {
  name: string;
  value: unknown;
}

/** One execution of a template tree with its variables and output. */
export class ExecState {
  vars: Var[] = [];
  emitter: Emitter;
  touched: string[] | undefined;
  depth = 0;
  template = '';

  constructor(
    readonly options: ExecOptions,
    track = true,
  ) {
    this.emitter = new Emitter(track);
  }

  /** A fresh state sharing functions, defines and the depth counter (for include/tpl). */
  child(): ExecState {
    const s = new ExecState(this.options, false);
    s.depth = this.depth + 1;
    s.touched = this.touched;
    if (s.depth > (this.options.maxDepth ?? 1000))
      throw new ExecError('rendering template has a nested reference name, too deep', this.template, 0);
    return s;
  }

  /** Runs a node list with `dot` and `$` bound. */
  run(nodes: Node[], template: string, dot: unknown): void {
    this.template = template;
    this.vars = [{ name: '$', value: dot }];
    this.walkList(dot, nodes);
  }

  private err(msg: string, line: number): never {
    throw new ExecError(msg, this.template, line);
  }

  private walkList(dot: unknown, nodes: readonly Node[]): void {
    for (const n of nodes) this.walk(dot, n);
  }

  private walk(dot: unknown, node: Node): void {
    switch (node.t) {
      case 'text':
        this.emitter.write(node.text, { template: this.template, line: node.line }, true);
        return;
      case 'action': {
        const parent = this.touched;
        const mine: string[] = [];
        this.touched = mine;
        let value: unknown;
        try {
          value = this.evalPipeline(dot, node.pipe);
        } finally {
          this.touched = parent;
          parent?.push(...mine);
        }
        if (node.pipe.decl.length === 0) {
          const origin: Origin = { template: this.template, line: node.line };
          if (mine.length > 0) origin.values = [...new Set(mine)];
          this.emitter.write(printable(value), origin, false);
        }
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const value = this.evalPipeline(dot, node.pipe);
        if (truthy(value)) this.walkList(node.t === 'with' ? value : dot, node.list);
        else if (node.elseList) this.walkList(dot, node.elseList);
        this.vars.length = mark;
        return;
      }
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template': {
        const def = this.options.defines.get(node.name);
        if (!def) this.err(`no such template "${node.name}"`, node.line);
        const value = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined;
        const savedVars = this.vars;
        const savedTemplate = this.template;
        const savedOverride = this.emitter.override;
        if (!savedOverride) this.emitter.override = { template: this.template, line: node.line };
        if (++this.depth > (this.options.maxDepth ?? 1000)) this.err('exceeded maximum template depth', node.line);
        this.vars = [{ name: '$', value }];
        this.template = def.template;
        try {
          this.walkList(value, def.nodes);
        } finally {
          this.depth--;
          this.vars = savedVars;
          this.template = savedTemplate;
          this.emitter.override = savedOverride;
        }
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  private walkRange(dot: unknown, node: Extract<Node, { t: 'range' }>): void {
    const mark = this.vars.length;
    const pipe: Pipeline = { ...node.pipe, decl: [] };
    const value = this.evalPipeline(dot, pipe);
    const decl = node.pipe.decl;
    const body = (key: unknown, elem: unknown): boolean => {
      this.vars.length = mark;
      if (decl.length === 1) this.vars.push({ name: decl[0] as string, value: elem });
      else if (decl.length >= 2) {
        this.vars.push({ name: decl[0] as string, value: key });
        this.vars.push({ name: decl[1] as string, value: elem });
      }
      try {
        this.walkList(elem, node.list);
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (!(e instanceof ContinueSignal)) throw e;
      }
      return true;
    };
    let ran = false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        ran = true;
        if (!body(BigInt(i), value[i])) break;
      }
    } else if (isMap(value) || (value instanceof GoStruct && value.entries)) {
      const m = (value instanceof GoStruct ? value.entries : value) as Record<string, unknown>;
      for (const k of sortedKeys(m)) {
        ran = true;
        if (!body(k, m[k])) break;
      }
    } else if (typeof value === 'bigint') {
      for (let i = 0n; i < value; i++) {
        ran = true;
        if (!body(i, i)) break;
      }
    } else if (!isNil(value)) this.err(`range can't iterate over ${formatValue(value)}`, node.line);
    this.vars.length = mark;
    if (!ran && node.elseList) this.walkList(dot, node.elseList);
    this.vars.length = mark;
  }

  evalPipeline(dot: unknown, pipe: Pipeline): unknown {
    let value: unknown;
    let has = false;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, has ? { v: value } : undefined, pipe.line);
      has = true;
    }
    for (const name of pipe.decl) {
      if (pipe.assign) {
        const v = this.findVar(name);
        if (!v) this.err(`undefined variable: ${name}`, pipe.line);
        v.value = value;
      } else this.vars.push({ name, value });
    }
    return value;
  }

  private findVar(name: string): Var | undefined {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]?.name === name) return this.vars[i];
    return undefined;
  }

  private varValue(name: string, line: number): unknown {
    const v = this.findVar(name);
    if (!v) this.err(`undefined variable: ${name}`, line);
    return v.value;
  }

  private notAFunction(args: readonly Arg[], final: { v: unknown } | undefined, line: number): void {
    if (args.length > 1 || final) this.err(`can't give argument to non-function ${describe(args[0])}`, line);
  }

  private evalCommand(dot: unknown, cmd: Command, final: { v: unknown } | undefined, line: number): unknown {
    const first = cmd.args[0] as Arg;
    switch (first.t) {
      case 'field':
        return this.fieldChain(dot, dot, first.names, cmd.args.slice(1), final, line);
      case 'var': {
        const v = this.varValue(first.name, line);
        if (first.names.length > 0) return this.fieldChain(dot, v, first.names, cmd.args.slice(1), final, line);
        this.notAFunction(cmd.args, final, line);
        return v;
      }
      case 'pipe': {
        const v = this.evalPipeline(dot, first.pipe);
        if (first.names.length > 0) return this.fieldChain(dot, v, first.names, cmd.args.slice(1), final, line);
        this.notAFunction(cmd.args, final, line);
        return v;
      }
      case 'ident':
        return this.callFunction(dot, first.name, cmd.args.slice(1), final, line);
      default:
        this.notAFunction(cmd.args, final, line);
        return this.evalArg(dot, first, line);
    }
  }

  evalArg(dot: unknown, arg: Arg, line: number): unknown {
    switch (arg.t) {
      case 'dot':
        return dot;
      case 'field':
        return this.fieldChain(dot, dot, arg.names, [], undefined, line);
      case 'var': {
        const v = this.varValue(arg.name, line);
        return arg.names.length > 0 ? this.fieldChain(dot, v, arg.names, [], undefined, line) : v;
      }
      case 'pipe': {
        const v = this.evalPipeline(dot, arg.pipe);
        return arg.names.length > 0 ? this.fieldChain(dot, v, arg.names, [], undefined, line) : v;
      }
      case 'ident':
        return this.callFunction(dot, arg.name, [], undefined, line);
      case 'string':
      case 'number':
      case 'bool':
        return arg.value;
      case 'nil':
        return undefined;
    }
  }

  private fieldChain(
    dot: unknown,
    receiver: unknown,
    names: readonly string[],
    args: readonly Arg[],
    final: { v: unknown } | undefined,
    line: number,
  ): unknown {
    let r = receiver;
    // Go unwraps a pipeline's or variable's nil interface into an invalid value, and a field of
    // an invalid value is the zero value: `(.Values.a).b` is safe where `.Values.a.b` is not.
    if (isNil(r) && receiver !== dot) return undefined;
    for (let i = 0; i < names.length; i++) {
      const last = i === names.length - 1;
      r = this.field(dot, r, names[i] as string, last ? args : [], last ? final : undefined, line);
    }
    return r;
  }

  private field(
    dot: unknown,
    receiver: unknown,
    name: string,
    args: readonly Arg[],
    final: { v: unknown } | undefined,
    line: number,
  ): unknown {
    const hasArgs = args.length > 0 || final !== undefined;
    if (receiver instanceof GoStruct) {
      if (!(name in receiver.fields)) this.err(`can't evaluate field ${name} in type ${receiver.typeName}`, line);
      const v = receiver.fields[name];
      if (v instanceof GoMethod) {
        const values = args.map((a) => this.evalArg(dot, a, line));
        if (final) values.push(final.v);
        try {
          return v.fn(...values);
        } catch (e) {
          if (e instanceof TemplateError) throw e;
          this.err(`error calling ${name}: ${(e as Error).message}`, line);
        }
      }
      if (hasArgs) this.err(`${name} is not a method but has arguments`, line);
      return v;
    }
    if (isMap(receiver)) {
      if (hasArgs) this.err(`${name} is not a method but has arguments`, line);
      const v = Object.hasOwn(receiver, name) ? receiver[name] : undefined;
      const base = this.options.valuePaths.get(receiver);
      if (base !== undefined && this.touched) this.touched.push(base === '' ? name : `${base}.${name}`);
      return v;
    }
    if (isNil(receiver)) this.err(`nil pointer evaluating interface {}.${name}`, line);
    this.err(`can't evaluate field ${name} in type ${goTypeName(receiver)}`, line);
  }

  private callFunction(
    dot: unknown,
    name: string,
    args: readonly Arg[],
    final: { v: unknown } | undefined,
    line: number,
  ): unknown {
    // and/or evaluate lazily and stop at the deciding argument (Go 1.18+).
    if (name === 'and' || name === 'or') {
      const all = [...args];
      if (all.length === 0 && !final) this.err(`wrong number of args for ${name}: want at least 1 got 0`, line);
      let v: unknown;
      for (const a of all) {
        v = this.evalArg(dot, a, line);
        if (name === 'and' ? !truthy(v) : truthy(v)) return v;
      }
      if (final) v = final.v;
      return v;
    }
    const fn = this.options.funcs.get(name);
    if (!fn) throw new TemplateError(`function "${name}" not defined`, this.template, line, name);
    const values = args.map((a) => this.evalArg(dot, a, line));
    if (final) values.push(final.v);
    try {
      return fn({ state: this, template: this.template, line, dot }, ...values);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      throw new ExecError(`error calling ${name}: ${(e as Error).message}`, this.template, line);
    }
  }
}

function describe(arg: Arg | undefined): string {
  if (!arg) return '';
  switch (arg.t) {
    case 'string':
      return JSON.stringify(arg.value);
    case 'number':
    case 'bool':
      return String(arg.value);
    case 'nil':
      return 'nil';
    case 'field':
      return `.${arg.names.join('.')}`;
    case 'var':
      return [arg.name, ...arg.names].join('.');
    default:
      return arg.t;
  }
}

/** How an action prints its value: fmt.Fprint, with nil as `<no value>`. */
export function printable(v: unknown): string {
  if (isNil(v)) return '<no value>';
  if (typeof v === 'string') return v;
  return goSprint([v]);
}

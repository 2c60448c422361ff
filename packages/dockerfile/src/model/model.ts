import { LineIndex, type Range } from '@shipshape/core';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { classifyImage, type ImageKnowledge } from '../data/images.js';
import { type ImageReference, parseImageReference } from './image-ref.js';
import { type ParsedScript, parseShell, type ShellCommand } from './shell.js';

/** Settings every rule may read (from config or the API caller). */
export interface LintSettings {
  /** `--target` or config: only this stage ships. */
  target?: string;
  /**
   * Targets the repository builds this file for (compose `build.target`, bake, workflows,
   * `--target` in scripts); `defaultTarget` adds the last stage (a build with no --target).
   */
  targets?: string[];
  defaultTarget?: boolean;
  /** What is known about the build context (its .dockerignore, small config files). */
  context?: BuildContextInfo;
  strict: boolean;
  trustedRegistries: string[];
  minimalImages: string[];
  nonRootImages: string[];
  /** Whether a .dockerignore of the build context excludes the pattern; undefined when unknown. */
  contextHasDockerignoreExcluding?: (pattern: '.env' | '.git') => boolean | undefined;
}

/** The build context as the repository defines it (compose `build.context`, bake, `--context`). */
export interface BuildContextInfo {
  /** Context directory relative to the scan root ('' for the root), for messages. */
  dir: string;
  /** Path (relative to the scan root) of the .dockerignore that applies; undefined when there is none. */
  dockerignore?: string;
  /** Whether the .dockerignore excludes a context-relative path (false when there is none). */
  excludes(path: string): boolean;
  /** Whether a context-relative path exists, when the tree is known. */
  exists?(path: string): boolean | undefined;
  /** Text of a small config file in the context (`.npmrc`), undefined when absent or not read. */
  file?(path: string): string | undefined;
}

export interface Arg {
  value: string;
  start: number;
  end: number;
}

export interface Flag {
  name: string;
  value: string | null;
  start: number;
  end: number;
}

export interface Instr {
  keyword: string;
  /** 1-based first and last line. */
  line: number;
  endLine: number;
  start: number;
  end: number;
  /** Arguments after flags, as dockerfile-ast splits them (quotes kept). */
  args: Arg[];
  flags: Flag[];
  /** Arguments text with continuations joined. */
  argsText: string;
  argsStart: number;
  stage: Stage | undefined;
  node: Instruction;
}

export interface Stage {
  index: number;
  /** `AS name`, as written. */
  name?: string;
  from: Instr;
  /** Image as written after FROM (before ARG substitution). */
  rawImage: string;
  /** Image after substituting global ARG defaults. */
  image: ImageReference;
  imageStart: number;
  imageEnd: number;
  /** The stage this one builds on (`FROM <stage>`). */
  parent?: Stage;
  instructions: Instr[];
  /** True when the image this stage produces is shipped (a target, or an ancestor of one through FROM). */
  ships: boolean;
  /** True when this stage is itself a build target. */
  target: boolean;
  /** Referenced by another stage (FROM, COPY --from, RUN --mount from=). */
  referenced: boolean;
  /**
   * Stages a `FROM build_${TARGETARCH}` may pick (the pattern matches their names). The first is
   * used as `parent` for what the image inherits (USER, base), but they are builders, not targets.
   */
  selectedFrom?: Stage[];
  /**
   * A `FROM scratch` stage that only collects files (COPY/ADD/ARG/LABEL, no CMD or ENTRYPOINT):
   * exported with `--output`, never run as a container.
   */
  exportOnly: boolean;
  /** Variables (ARG defaults and ENV) known in the stage, in order of definition. */
}

export interface Mount {
  type: string;
  target?: string;
  id?: string;
  from?: string;
}

export interface RunInfo {
  instr: Instr;
  stage: Stage;
  /** Commands of the RUN body (empty when not parsed). */
  commands: ShellCommand[];
  /** False when the body could not be parsed as POSIX/bash shell (syntax error, Windows shell). */
  parsed: boolean;
  error?: ParsedScript['error'];
  mounts: Mount[];
  execForm: boolean;
  /** The shell text given to the parser (continuations joined, comment lines dropped). */
  script: string;
  /** Why the body was not parsed, when it was over a size limit. */
  skipped?: string;
}

export interface ParseProblem {
  message: string;
  start: number;
}

/** Something the model did not examine because it was over a size limit. */
export interface SkippedPart {
  /** 1-based line of the instruction. */
  line: number;
  message: string;
}

/**
 * Size limits for one RUN body handed to the shell parser. mvdan-sh holds every word part in
 * memory (a body of 100k `$` took ~1 GB); no real RUN comes near these.
 */
export const RUN_SCRIPT_LIMITS = { maxChars: 64 * 1024, maxExpansions: 4000 };

export interface DockerfileModel {
  path: string;
  text: string;
  lines: LineIndex;
  escapeChar: string;
  instructions: Instr[];
  stages: Stage[];
  globalArgs: Map<string, string | undefined>;
  runs: RunInfo[];
  problems: ParseProblem[];
  /** Parts not examined because of size limits (each becomes a notification). */
  skipped: SkippedPart[];
  settings: LintSettings;
  range(start: number, end: number): Range;
  /** Range of a whole instruction's first line. */
  lineRange(instr: Instr): Range;
  /** Classification of a stage's effective base (walks FROM <stage> chains). */
  baseOf(stage: Stage): { image: ImageReference; knowledge: ImageKnowledge; stage: Stage };
  /** Resolves `$VAR`/`${VAR}` in text with the variables visible at an instruction. */
  resolve(text: string, at: Instr): { value: string; unresolved: boolean };
  /** Stages that ship, in order. */
  shippedStages(): Stage[];
  /** Stages that are build targets (what `docker build` ends on). */
  targetStages(): Stage[];
  /** Chain from a stage up to its root ancestor: [stage, parent, grandparent...]. */
  chain(stage: Stage): Stage[];
}

const KNOWN_INSTRUCTIONS = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
]);

/** Stages a plain `docker build` may end on but that are never the product: tests, dev environments. */
const NON_SHIPPED_STAGE_NAME =
  /^(test|tests|testing|lint|linter|check|checks|ci|unit-?tests?|e2e|integration|dev-?envs?|devcontainer|.*[-_](test|tests|lint|dev-envs?))$/i;

function byName(stages: readonly Stage[], name: string): Stage | undefined {
  const wanted = name.toLowerCase();
  return (
    stages.find((s) => s.name?.toLowerCase() === wanted) ?? (/^\d+$/.test(name) ? stages[Number(name)] : undefined)
  );
}

/**
 * What ships: `--target`/config when given; else the targets the repository builds (compose,
 * bake, workflows, scripts), plus the last stage when some build names no target; else the last
 * stage. A last stage that is a test or dev-environment stage gives way to the nearest stage
 * before it that is not.
 */
function selectTargets(stages: Stage[], settings: LintSettings): Stage[] {
  if (stages.length === 0) return [];
  if (settings.target) {
    const hit = byName(stages, settings.target);
    if (hit) return [hit];
  }
  const out = new Set<Stage>();
  for (const name of settings.targets ?? []) {
    const hit = byName(stages, name);
    if (hit && !NON_SHIPPED_STAGE_NAME.test(hit.name ?? '')) out.add(hit);
  }
  if (out.size === 0 || settings.defaultTarget === true) {
    let last = stages.length - 1;
    while (last > 0 && NON_SHIPPED_STAGE_NAME.test(stages[last]?.name ?? '')) last--;
    out.add(stages[last] as Stage);
  }
  return stages.filter((s) => out.has(s));
}

/** `FROM scratch` with only COPY/ADD/ARG/LABEL/WORKDIR: a build-output stage, never run. */
function isExportOnly(stage: Stage): boolean {
  if (!stage.instructions.every((i) => ['FROM', 'COPY', 'ADD', 'ARG', 'LABEL', 'WORKDIR'].includes(i.keyword)))
    return false;
  // `FROM binaries-unix AS binaries-linux`, `FROM binaries-$TARGETOS AS binaries`: still files only.
  if (stage.selectedFrom) return stage.selectedFrom.every((s) => s.exportOnly);
  if (stage.parent) return stage.parent.exportOnly;
  return stage.image.raw.toLowerCase() === 'scratch';
}

/** Stages whose names an ARG-templated `FROM build_${TARGETARCH}` can resolve to. */
function argSelectedStages(image: string, stages: readonly Stage[]): Stage[] {
  const parts = image.split(/\$(?:\{[A-Za-z_][A-Za-z0-9_]*(?::?[-+][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)/);
  if (parts.length < 2 || parts.every((p) => p === '')) return [];
  const re = new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[A-Za-z0-9_.-]+')}$`, 'i');
  return stages.filter((s) => s.name !== undefined && re.test(s.name));
}

const VAR_REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** What substitution reads: the value of a variable, undefined when unset. */
export interface VarLookup {
  get(name: string): string | undefined;
}

/**
 * The variables of one stage over time. Each assignment is appended to its name's history with a
 * sequence number, so the value visible at any instruction is a binary search away: no per-
 * instruction copy of the whole variable map (a file of 100k ENV lines stays linear).
 */
class VarHistory {
  private readonly history = new Map<string, { seq: number; value: string | undefined }[]>();
  private seq = 0;
  constructor(private readonly base: ReadonlyMap<string, string | undefined> = new Map()) {}
  set(name: string, value: string | undefined): void {
    const list = this.history.get(name);
    const entry = { seq: ++this.seq, value };
    if (list) list.push(entry);
    else this.history.set(name, [entry]);
  }
  has(name: string): boolean {
    return this.history.has(name) || this.base.has(name);
  }
  get(name: string): string | undefined {
    return this.at(this.seq).get(name);
  }
  /** The variables as they were after the first `seq` assignments; `fallback` for names never set. */
  at(seq: number, fallback?: VarLookup): VarLookup & { has(name: string): boolean } {
    const lookup = (name: string): { found: boolean; value: string | undefined } => {
      const list = this.history.get(name);
      if (list && (list[0]?.seq ?? Infinity) <= seq) {
        let lo = 0;
        let hi = list.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((list[mid]?.seq ?? 0) <= seq) lo = mid;
          else hi = mid - 1;
        }
        return { found: true, value: list[lo]?.value };
      }
      if (this.base.has(name)) return { found: true, value: this.base.get(name) };
      return { found: false, value: undefined };
    };
    return {
      get: (name) => {
        const r = lookup(name);
        return r.found ? r.value : fallback?.get(name);
      },
      has: (name) => lookup(name).found,
    };
  }
  get now(): number {
    return this.seq;
  }
}

/** Substitutes variables the way the Dockerfile frontend does for the common forms. */
export function substitute(text: string, vars: VarLookup): { value: string; unresolved: boolean } {
  if (!text.includes('$')) return { value: text, unresolved: false };
  let unresolved = false;
  const value = text.replace(
    VAR_REF,
    (whole, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const current = vars.get(name);
      const set = current !== undefined && current !== '';
      if (op === ':-' || op === '-') {
        if (set || (op === '-' && current !== undefined)) return current ?? '';
        return word ?? '';
      }
      if (op === ':+' || op === '+') return set ? (word ?? '') : '';
      if (current === undefined) {
        unresolved = true;
        return whole;
      }
      return current;
    },
  );
  return { value, unresolved };
}

function offsetOf(lines: LineIndex, pos: { line: number; character: number }): number {
  return lines.lineStart(pos.line + 1) + pos.character;
}

/** Builds the semantic model of a Dockerfile; never throws on bad input. */
export function buildModel(path: string, source: string, settings: LintSettings): DockerfileModel {
  // A lone CR (old Mac line ending) ends a line for Docker but not for dockerfile-ast's RUN
  // bodies; same-length replacement keeps every offset.
  const text = source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
  const lines = new LineIndex(text);
  const problems: ParseProblem[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary detection
  if (/\u0000/.test(text.slice(0, 8192))) problems.push({ message: 'the file is binary, not a Dockerfile', start: 0 });
  const df = DockerfileParser.parse(problems.length > 0 ? '' : text);
  const escapeChar = df.getEscapeCharacter() || '\\';
  const instructions: Instr[] = [];
  const stages: Stage[] = [];
  const globalArgs = new Map<string, string | undefined>();
  const runs: RunInfo[] = [];
  const skipped: SkippedPart[] = [];
  const varsAt = new Map<Instr, VarLookup>();
  let stage: Stage | undefined;
  let stageVars = new VarHistory();
  const stageEnvs = new Map<Stage, Map<string, string | undefined>>();
  let shellForm: 'posix' | 'other' = 'posix';

  for (const node of df.getInstructions()) {
    const range = node.getRange();
    const keyword = node.getKeyword().toUpperCase();
    const start = offsetOf(lines, range.start);
    const end = offsetOf(lines, range.end);
    const argsRange = node.getArgumentsRange();
    const argsStart = argsRange ? offsetOf(lines, argsRange.start) : end;
    const flags: Flag[] = [];
    const withFlags = node as unknown as {
      getFlags?: () => { getName(): string; getValue(): string | null; getRange(): Range0 }[];
    };
    const hasFlagSyntax =
      keyword === 'FROM' || keyword === 'COPY' || keyword === 'ADD' || keyword === 'RUN' || keyword === 'HEALTHCHECK';
    if (keyword === 'RUN') {
      // RUN flags read straight from the text: dockerfile-ast would tokenize the whole body first.
      let i = offsetOf(lines, node.getInstructionRange().end);
      for (;;) {
        while (
          i < end &&
          (text[i] === ' ' ||
            text[i] === '\t' ||
            text[i] === '\r' ||
            text[i] === '\n' ||
            (text[i] === escapeChar && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 40))))
        ) {
          i = text[i] === escapeChar ? text.indexOf('\n', i) + 1 : i + 1;
        }
        if (text.slice(i, i + 2) !== '--') break;
        let j = i;
        while (j < end && !/\s/.test(text[j] as string)) j++;
        const body = text.slice(i + 2, j);
        const eq = body.indexOf('=');
        flags.push({
          name: (eq === -1 ? body : body.slice(0, eq)).toLowerCase(),
          value: eq === -1 ? null : body.slice(eq + 1),
          start: i,
          end: j,
        });
        i = j;
      }
    } else if (hasFlagSyntax && typeof withFlags.getFlags === 'function') {
      for (const f of withFlags.getFlags()) {
        const r = f.getRange();
        flags.push({
          name: f.getName().toLowerCase(),
          value: f.getValue(),
          start: offsetOf(lines, r.start),
          end: offsetOf(lines, r.end),
        });
      }
    }
    // Arguments and their text are computed on first use: dockerfile-ast is slow on long RUN bodies.
    let argsCache: Arg[] | undefined;
    let textCache: string | undefined;
    const instr: Instr = {
      keyword,
      line: range.start.line + 1,
      endLine: range.end.line + 1,
      start,
      end,
      get args(): Arg[] {
        if (argsCache === undefined) {
          const all = node.getArguments().map((a) => ({
            value: a.getValue(),
            start: offsetOf(lines, a.getRange().start),
            end: offsetOf(lines, a.getRange().end),
          }));
          argsCache = all.filter(
            (a) =>
              !flags.some((f) => f.start === a.start) &&
              !(hasFlagSyntax && a.start < (flags[flags.length - 1]?.end ?? -1)),
          );
          if (hasFlagSyntax) {
            while (argsCache.length > 0 && (argsCache[0]?.value ?? '').startsWith('--') && keyword !== 'HEALTHCHECK') {
              const a = argsCache.shift() as Arg;
              const body = a.value.slice(2);
              const eq = body.indexOf('=');
              flags.push({
                name: (eq === -1 ? body : body.slice(0, eq)).toLowerCase(),
                value: eq === -1 ? null : body.slice(eq + 1),
                start: a.start,
                end: a.end,
              });
            }
          }
        }
        return argsCache;
      },
      flags,
      get argsText(): string {
        if (textCache === undefined) textCache = node.getArgumentsContent() ?? '';
        return textCache;
      },
      argsStart,
      stage,
      node,
    };
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      problems.push({ message: `unknown instruction "${node.getKeyword()}"`, start });
      continue;
    }
    if (keyword === 'FROM') {
      const rawImage = instr.args[0]?.value ?? '';
      if (rawImage === '') {
        problems.push({ message: 'FROM needs an image', start });
        continue;
      }
      const resolved = substitute(rawImage, globalArgs);
      const image = parseImageReference(resolved.value);
      let name: string | undefined;
      if (instr.args.length >= 3 && (instr.args[1]?.value ?? '').toLowerCase() === 'as') name = instr.args[2]?.value;
      const lowerImage = resolved.value.toLowerCase();
      const parent = [...stages].reverse().find((s) => s.name !== undefined && s.name.toLowerCase() === lowerImage);
      stage = {
        index: stages.length,
        from: instr,
        rawImage,
        image,
        imageStart: instr.args[0]?.start ?? start,
        imageEnd: instr.args[0]?.end ?? end,
        instructions: [],
        ships: false,
        target: false,
        referenced: false,
        exportOnly: false,
      };
      if (name !== undefined) stage.name = name;
      if (parent) {
        stage.parent = parent;
        parent.referenced = true;
      } else if (resolved.unresolved || /\$/.test(resolved.value)) {
        const candidates = argSelectedStages(resolved.value, stages);
        if (candidates.length > 0) {
          stage.selectedFrom = candidates;
          stage.parent = candidates[0] as Stage;
          for (const c of candidates) c.referenced = true;
        }
      }
      instr.stage = stage;
      stages.push(stage);
      const inherited = parent ? stageEnvs.get(parent) : undefined;
      stageVars = new VarHistory(inherited ?? new Map());
      stageEnvs.set(stage, new Map(inherited ?? []));
      shellForm = 'posix';
    } else if (!stage) {
      if (keyword === 'ARG') {
        for (const { name, value } of argProperties(node)) {
          // `ARG BASE=$REGISTRY/app` expands the global ARGs declared before it.
          const expanded = value === null ? undefined : substitute(value, globalArgs);
          globalArgs.set(name, expanded && !expanded.unresolved ? expanded.value : undefined);
        }
      } else {
        problems.push({ message: `${keyword} before the first FROM`, start });
      }
      instructions.push(instr);
      continue;
    }
    stage.instructions.push(instr);
    instructions.push(instr);
    if (keyword === 'ARG') {
      for (const { name, value } of argProperties(node)) {
        const v = value !== null ? substitute(value, stageVars).value : globalArgs.get(name);
        if (!stageVars.has(name) || value !== null) stageVars.set(name, v);
      }
    } else if (keyword === 'ENV') {
      const envs = stageEnvs.get(stage);
      for (const p of envProperties(node)) {
        const v = substitute(p.value, stageVars).value;
        stageVars.set(p.name, v);
        envs?.set(p.name, v);
      }
    } else if (keyword === 'SHELL') {
      const shell = instr.argsText.toLowerCase();
      shellForm = /powershell|pwsh|cmd(\.exe)?"/.test(shell) ? 'other' : 'posix';
    } else if (keyword === 'RUN') {
      const run = analyzeRun(instr, text, escapeChar, lines, shellForm);
      if (run.skipped) skipped.push({ line: instr.line, message: run.skipped });
      runs.push(run);
    }
    if (
      keyword === 'USER' ||
      keyword === 'COPY' ||
      keyword === 'ADD' ||
      keyword === 'WORKDIR' ||
      keyword === 'ENV' ||
      keyword === 'RUN'
    ) {
      varsAt.set(instr, stageVars.at(stageVars.now, globalArgs));
    }
  }
  for (const instr of instructions) {
    if (instr.keyword !== 'RUN' && instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
    const problem = unterminatedHeredoc(text, instr);
    if (problem) problems.push({ message: problem, start: instr.start });
  }
  if (problems.length === 0 && stages.length === 0) {
    problems.push({ message: text.trim() === '' ? 'the file is empty' : 'no FROM instruction', start: 0 });
  }

  // Stage references through COPY --from and RUN --mount=from=
  const findStage = (ref: string, before: number): Stage | undefined => {
    if (/^\d+$/.test(ref)) return stages[Number(ref)];
    const lower = ref.toLowerCase();
    return (
      stages
        .slice(0, before + 1)
        .reverse()
        .find((s) => s.name?.toLowerCase() === lower) ?? stages.find((s) => s.name?.toLowerCase() === lower)
    );
  };
  for (const s of stages) {
    for (const i of s.instructions) {
      for (const f of i.flags) {
        let ref: string | undefined;
        if (f.name === 'from' && f.value) ref = f.value;
        if (f.name === 'mount' && f.value) ref = /(?:^|,)from=([^,]+)/.exec(f.value)?.[1];
        if (ref === undefined) continue;
        const target = findStage(substitute(ref, globalArgs).value, s.index);
        if (target && target !== s) target.referenced = true;
      }
    }
  }

  for (const s of stages) s.exportOnly = isExportOnly(s);
  const targets = selectTargets(stages, settings);
  for (const t of targets) {
    t.target = true;
    // An ARG-selected base feeds the build; its stages stay builders.
    for (let s: Stage | undefined = t; s; s = s.selectedFrom ? undefined : s.parent) s.ships = true;
  }

  const baseCache = new Map<Stage, { image: ImageReference; knowledge: ImageKnowledge; stage: Stage }>();
  const model: DockerfileModel = {
    path,
    text,
    lines,
    escapeChar,
    instructions,
    stages,
    globalArgs,
    runs,
    problems,
    skipped,
    settings,
    range: (a, b) => lines.range(a, b),
    lineRange: (instr) => {
      const lineText = lines.line(instr.line);
      return { startLine: instr.line, startColumn: 1, endLine: instr.line, endColumn: lineText.length + 1 };
    },
    baseOf: (s) => {
      const cached = baseCache.get(s);
      if (cached) return cached;
      let root = s;
      while (root.parent) root = root.parent;
      const result = {
        image: root.image,
        knowledge: classifyImage(root.image, {
          minimalImages: settings.minimalImages,
          nonRootImages: settings.nonRootImages,
        }),
        stage: root,
      };
      baseCache.set(s, result);
      return result;
    },
    resolve: (value, at) => substitute(value, varsAt.get(at) ?? globalArgs),
    shippedStages: () => stages.filter((s) => s.ships),
    targetStages: () => targets,
    chain: (s) => {
      const out: Stage[] = [];
      for (let c: Stage | undefined = s; c && !out.includes(c); c = c.parent) out.push(c);
      return out;
    },
  };
  return model;
}

function argProperties(node: Instruction): { name: string; value: string | null }[] {
  const withProps = node as unknown as {
    getProperties?: () => { getName(): string; getValue(): string | null }[];
    getProperty?: () => { getName(): string; getValue(): string | null } | null;
  };
  if (typeof withProps.getProperties === 'function')
    return withProps.getProperties().map((p) => ({ name: p.getName(), value: p.getValue() }));
  const p = withProps.getProperty?.();
  return p ? [{ name: p.getName(), value: p.getValue() }] : [];
}

export interface EnvProperty {
  name: string;
  value: string;
  nameStart: number;
  valueStart: number;
  valueEnd: number;
}

/** ENV (or ARG) properties with file offsets of name and value. */
const envCache = new WeakMap<Instruction, EnvProperty[]>();

export function envProperties(node: Instruction, lines?: LineIndex): EnvProperty[] {
  if (lines) {
    const cached = envCache.get(node);
    if (cached) return cached;
    const computed = computeEnvProperties(node, lines);
    envCache.set(node, computed);
    return computed;
  }
  return computeEnvProperties(node, lines);
}

function computeEnvProperties(node: Instruction, lines?: LineIndex): EnvProperty[] {
  const withProps = node as unknown as {
    getProperties?: () => {
      getName(): string;
      getValue(): string | null;
      getNameRange(): Range0;
      getValueRange(): Range0 | null;
    }[];
    getProperty?: () => {
      getName(): string;
      getValue(): string | null;
      getNameRange(): Range0;
      getValueRange(): Range0 | null;
    } | null;
  };
  const props =
    typeof withProps.getProperties === 'function'
      ? withProps.getProperties()
      : [withProps.getProperty?.()].filter((p) => p != null);
  return props.map((p) => {
    const nr = p.getNameRange();
    const vr = p.getValueRange() ?? nr;
    return {
      name: p.getName(),
      value: p.getValue() ?? '',
      nameStart: lines ? offsetOf(lines, nr.start) : 0,
      valueStart: lines ? offsetOf(lines, vr.start) : 0,
      valueEnd: lines ? offsetOf(lines, vr.end) : 0,
    };
  });
}

type Range0 = { start: { line: number; character: number }; end: { line: number; character: number } };

/** Joins continuation lines of a RUN body (dropping comment and blank lines inside them) and keeps a map back to file offsets. */
function joinContinuations(
  text: string,
  start: number,
  end: number,
  escapeChar: string,
): { source: string; map: (o: number) => number } {
  let source = '';
  const segs: { src: number; file: number }[] = [];
  let i = start;
  let continued = false;
  let logicalDone = false;
  const escapeEnd = new RegExp(`${escapeChar === '`' ? '`' : '\\\\'}[ \\t]*$`);
  const append = (piece: string, fileOffset: number, newline: boolean): void => {
    segs.push({ src: source.length, file: fileOffset });
    source += piece;
    if (newline) {
      segs.push({ src: source.length, file: fileOffset + piece.length });
      source += '\n';
    }
  };
  while (i < end) {
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    let line = text.slice(i, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (!logicalDone) {
      if (continued && (/^\s*#/.test(line) || /^\s*$/.test(line))) {
        // Docker drops comment and empty lines inside a continued instruction.
      } else {
        const m = escapeEnd.exec(line);
        if (m) {
          append(line.slice(0, m.index), i, false);
          continued = true;
        } else {
          append(line, i, true);
          logicalDone = true;
        }
      }
    } else {
      append(line, i, true);
    }
    i = lineEnd + 1;
  }
  const map = (o: number): number => {
    let lo = 0;
    let hi = segs.length - 1;
    if (hi < 0) return start;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segs[mid]?.src ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    const seg = segs[lo] as { src: number; file: number };
    return Math.min(end, seg.file + (o - seg.src));
  };
  return { source, map };
}

const HEREDOC_ONLY =
  /^\s*(?:(?:\/usr)?(?:\/bin\/)?(?:ba|da|a|z|k)?sh(?:\s+-[a-z]+)*\s+)?<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2(?:\s+(?:\/usr)?(?:\/bin\/)?(?:ba|da|a|z|k)?sh(?:\s+-[a-z]+)*)?\s*$/;

/** BuildKit rejects a heredoc whose terminator line never comes; dockerfile-ast silently runs to the end of the file. */
function unterminatedHeredoc(text: string, instr: Instr): string | undefined {
  const firstLineEnd = text.indexOf('\n', instr.start);
  const first = text.slice(instr.start, firstLineEnd === -1 ? instr.end : firstLineEnd);
  const m = /(^|\s)<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\3/.exec(first);
  if (!m) return undefined;
  const before = first.slice(0, m.index);
  if ((before.split('"').length - 1) % 2 === 1 || (before.split("'").length - 1) % 2 === 1) return undefined;
  const delimiter = m[4] ?? '';
  const body = text.slice(firstLineEnd + 1, Math.max(instr.end, firstLineEnd + 1) + 1).split('\n');
  const found = body.some((line) => (m[2] === '-' ? line.replace(/^\t+/, '') : line).replace(/\r$/, '') === delimiter);
  return found && firstLineEnd !== -1 ? undefined : `unterminated heredoc <<${delimiter}`;
}

/** Offset where a RUN's command starts: after its flags, blanks and line continuations. */
function runBodyStart(text: string, instr: Instr, escapeChar: string): number {
  let i =
    instr.flags.length > 0
      ? Math.max(...instr.flags.map((f) => f.end))
      : Math.min(instr.argsStart, instr.start + instr.keyword.length);
  while (i < instr.end) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === escapeChar && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 40))) i = text.indexOf('\n', i) + 1;
    else if (c === '#' && text[i - 1] === '\n') i = text.indexOf('\n', i) + 1 || instr.end;
    else break;
  }
  return Math.min(i, instr.end);
}

function overLimit(script: string): string | undefined {
  if (script.length > RUN_SCRIPT_LIMITS.maxChars)
    return `RUN body of ${script.length} characters is over the ${RUN_SCRIPT_LIMITS.maxChars}-character limit; its commands were not examined`;
  let expansions = 0;
  for (let i = script.indexOf('$'); i !== -1; i = script.indexOf('$', i + 1))
    if (++expansions > RUN_SCRIPT_LIMITS.maxExpansions)
      return `RUN body has more than ${RUN_SCRIPT_LIMITS.maxExpansions} "$" expansions; its commands were not examined`;
  return undefined;
}

function analyzeRun(
  instr: Instr,
  text: string,
  escapeChar: string,
  lines: LineIndex,
  shellForm: 'posix' | 'other',
): RunInfo {
  const mounts: Mount[] = [];
  for (const f of instr.flags) {
    if (f.name !== 'mount' || !f.value) continue;
    const m: Mount = { type: 'bind' };
    for (const kv of f.value.split(',')) {
      const eq = kv.indexOf('=');
      const k = (eq === -1 ? kv : kv.slice(0, eq)).trim().toLowerCase();
      const v = eq === -1 ? '' : kv.slice(eq + 1).trim();
      if (k === 'type') m.type = v.toLowerCase();
      else if (k === 'target' || k === 'dst' || k === 'destination') m.target = v;
      else if (k === 'id') m.id = v;
      else if (k === 'from') m.from = v;
    }
    mounts.push(m);
  }
  const bodyStart = runBodyStart(text, instr, escapeChar);
  const info: RunInfo = {
    instr,
    stage: instr.stage as Stage,
    commands: [],
    parsed: false,
    mounts,
    execForm: false,
    script: '',
  };
  if (bodyStart >= instr.end) return info;
  const body = text.slice(bodyStart, instr.end);
  if (body.trimStart().startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(instr.argsText.slice(instr.argsText.indexOf('[')));
    } catch {
      json = undefined;
    }
    if (Array.isArray(json) && json.every((x) => typeof x === 'string')) {
      info.execForm = true;
      const argv = json as string[];
      const shells = /^(\/usr)?(\/bin\/)?(ba|da|a|z)?sh$/;
      const cIndex = argv.indexOf('-c');
      if (argv.length >= 3 && shells.test(argv[0] ?? '') && cIndex > 0 && cIndex < argv.length - 1) {
        const script = argv[cIndex + 1] ?? '';
        info.script = script;
        const tooBig = overLimit(script);
        if (tooBig) {
          info.skipped = tooBig;
          return info;
        }
        const parsed = parseShell(script, () => bodyStart);
        info.commands = parsed.commands;
        info.parsed = !parsed.error;
        if (parsed.error) info.error = parsed.error;
      } else {
        info.script = argv.join(' ');
        const word = (value: string) => ({ value, dynamic: /\$/.test(value), start: bodyStart, end: instr.end });
        const name = (argv[0] ?? '').split('/').pop() ?? '';
        info.commands = [
          {
            name,
            argv: argv.map(word),
            args: argv.slice(1).map(word),
            wrappers: [],
            assigns: [],
            start: bodyStart,
            end: instr.end,
            substitutions: [],
            inSubstitution: false,
            redirects: [],
            order: 0,
          },
        ];
        info.parsed = true;
      }
      return info;
    }
  }
  if (shellForm === 'other' || escapeChar === '`') return info;
  let { source, map } = joinContinuations(text, bodyStart, instr.end, escapeChar);
  const firstNl = source.indexOf('\n');
  const firstLine = firstNl === -1 ? source : source.slice(0, firstNl);
  const heredoc = HEREDOC_ONLY.exec(firstLine);
  if (heredoc && firstNl !== -1) {
    const delimiter = heredoc[3] ?? '';
    const rest = source.slice(firstNl + 1);
    const lineList = rest.split('\n');
    let cut = rest.length;
    let acc = 0;
    for (const l of lineList) {
      if ((heredoc[1] === '-' ? l.replace(/^\t+/, '') : l) === delimiter) {
        cut = acc;
        break;
      }
      acc += l.length + 1;
    }
    const base = firstNl + 1;
    const outerMap = map;
    source = rest.slice(0, cut);
    map = (o) => outerMap(o + base);
  }
  info.script = source;
  const tooBig = overLimit(source);
  if (tooBig) {
    info.skipped = tooBig;
    return info;
  }
  const parsed = parseShell(source, map);
  info.commands = parsed.commands;
  info.parsed = !parsed.error;
  if (parsed.error) info.error = parsed.error;
  void lines;
  return info;
}

/** Sources and destination of a COPY or ADD, read the way BuildKit reads them. */
export interface CopyParts {
  /** Sources as written (quotes removed in JSON form); heredoc sources as `<<NAME`. */
  sources: Arg[];
  dest: Arg | undefined;
  /** Names of heredoc sources (`COPY <<EOF /x`): their bodies are file content, not paths. */
  heredocs: string[];
  json: boolean;
}

const copyCache = new WeakMap<Instr, CopyParts>();

/**
 * Splits a COPY/ADD into sources and destination. JSON form (`COPY ["a b", "./"]`) is decoded;
 * for heredocs only the first line holds paths, the rest is the content of the files created.
 */
export function copyParts(model: Pick<DockerfileModel, 'text' | 'lines'>, instr: Instr): CopyParts {
  const cached = copyCache.get(instr);
  if (cached) return cached;
  const args = instr.args;
  let parts: CopyParts = { sources: args.slice(0, -1), dest: args[args.length - 1], heredocs: [], json: false };
  const first = args[0];
  if (first?.value.startsWith('[')) {
    const raw = model.text.slice(first.start, instr.end).replace(/\\\r?\n/g, '');
    let json: unknown;
    try {
      json = JSON.parse(raw.trim());
    } catch {
      json = undefined;
    }
    if (Array.isArray(json) && json.length > 0 && json.every((v) => typeof v === 'string')) {
      const located: Arg[] = [];
      let at = first.start;
      for (const value of json as string[]) {
        const literal = JSON.stringify(value);
        const idx = model.text.indexOf(literal, at);
        const start = idx === -1 || idx > instr.end ? at : idx + 1;
        const end = idx === -1 || idx > instr.end ? at : idx + literal.length - 1;
        located.push({ value, start, end });
        at = end;
      }
      parts = { sources: located.slice(0, -1), dest: located[located.length - 1], heredocs: [], json: true };
    }
  } else if (args.some((a) => a.value.startsWith('<<'))) {
    const onFirstLine = args.filter((a) => model.lines.position(a.start).line === instr.line);
    const heredocs = onFirstLine
      .filter((a) => a.value.startsWith('<<'))
      .map((a) => a.value.replace(/^<<-?/, '').replace(/^["']|["']$/g, ''));
    const paths = onFirstLine.filter((a) => !a.value.startsWith('<<'));
    const dest = paths[paths.length - 1];
    parts = {
      sources: onFirstLine.filter((a) => a !== dest),
      dest,
      heredocs,
      json: false,
    };
  }
  copyCache.set(instr, parts);
  return parts;
}

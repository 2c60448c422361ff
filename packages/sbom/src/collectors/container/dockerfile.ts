/**
 * A small Dockerfile reader for base images: instructions joined over line continuations, global
 * `ARG` defaults substituted into `FROM`, stage aliases and `scratch` told apart from images.
 * Deliberately not a full Dockerfile parser (the dockerfile package owns that).
 */

export interface BaseImage {
  /** Image text after ARG substitution (`node:20-alpine`, `python@sha256:...`). */
  image: string;
  /** As written in the file (`${BASE}:${TAG}`). */
  written: string;
  /** 1-based line of the FROM instruction. */
  line: number;
  /** 1-based column where the image text starts (as written). */
  column: number;
  /** 0-based stage index. */
  stage: number;
  stageName?: string;
  platform?: string;
  /** Variables that could not be resolved (the image is then not a usable reference). */
  unresolved: string[];
}

export interface DockerfileStages {
  images: BaseImage[];
  /** Images read by `COPY --from=<image>` / `ADD --from=` and `RUN --mount=...,from=<image>`. */
  uses: ImageUse[];
  /** FROMs that name an earlier stage or scratch. */
  internal: { line: number; from: string }[];
}

/** An external image an instruction reads files from (not a stage, not a build context). */
export interface ImageUse {
  image: string;
  written: string;
  line: number;
  column: number;
  /** 0-based stage the instruction is in. */
  stage: number;
  kind: 'copy-from' | 'mount-from';
  unresolved: string[];
}

interface Instruction {
  keyword: string;
  args: string;
  line: number;
  /** Column (1-based) where args start on the first line. */
  argsColumn: number;
}

function splitInstructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  let escapeChar = '\\';
  // Parser directives come first, before any instruction or other comment.
  for (const l of lines) {
    const m = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(l);
    if (!m) break;
    if (m[1]?.toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escapeChar = m[2];
  }
  const out: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i] ?? '';
    const startLine = i + 1;
    const trimmed = first.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const km = /^(\s*)(\S+)(\s*)/.exec(first);
    const keyword = (km?.[2] ?? '').toUpperCase();
    const argsColumn = (km?.[0].length ?? 0) + 1;
    let body = first.slice(km?.[0].length ?? 0);
    i++;
    while (endsWithEscape(body, escapeChar) && i < lines.length) {
      body = body.replace(/\s*$/, '').slice(0, -1);
      // Comment lines inside a continuation are dropped, as Docker does.
      while (i < lines.length && /^\s*#/.test(lines[i] ?? '')) i++;
      body += ` ${lines[i] ?? ''}`;
      i++;
    }
    out.push({ keyword, args: body.trim(), line: startLine, argsColumn });
  }
  return out;
}

function endsWithEscape(body: string, escapeChar: string): boolean {
  return body.replace(/\s+$/, '').endsWith(escapeChar);
}

/** Splits `ARG` text into name/default pairs (`ARG A=1 B="two"`, `ARG C`). */
function parseArgs(args: string): { name: string; value?: string }[] {
  const out: { name: string; value?: string }[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (let m = re.exec(args); m; m = re.exec(args)) {
    const name = m[1] ?? '';
    const rawValue = m[2];
    if (rawValue === undefined) out.push({ name });
    else out.push({ name, value: unquote(rawValue) });
  }
  return out;
}

function unquote(v: string): string {
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    const inner = v.slice(1, -1);
    return v.startsWith('"') ? inner.replace(/\\(.)/g, '$1') : inner;
  }
  return v;
}

/** Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`. */
export function substituteVars(text: string, vars: ReadonlyMap<string, string>, unresolved: string[]): string {
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced, op, word, bare) => {
      const name: string = braced ?? bare;
      const value = vars.get(name);
      if (op === ':-' || op === '-') {
        if (value !== undefined && (op === '-' || value !== '')) return value;
        return word ?? '';
      }
      if (op === ':+' || op === '+') {
        if (value !== undefined && (op === '+' || value !== '')) return word ?? '';
        return '';
      }
      if (value === undefined) {
        unresolved.push(name);
        return '';
      }
      return value;
    },
  );
}

/** Base images of every stage of a Dockerfile. */
export function readDockerfileStages(text: string): DockerfileStages {
  const globals = new Map<string, string>();
  const stageNames = new Set<string>();
  const images: BaseImage[] = [];
  const uses: ImageUse[] = [];
  const internal: { line: number; from: string }[] = [];
  let stage = -1;
  const use = (ins: Instruction, written: string, kind: ImageUse['kind']) => {
    const unresolved: string[] = [];
    const image = substituteVars(written, globals, unresolved);
    const lower = image.toLowerCase();
    // A stage name or a stage index (`--from=0`) is not an image.
    if (stageNames.has(lower) || /^\d+$/.test(image) || lower === 'scratch' || image === '') return;
    uses.push({
      image,
      written,
      line: ins.line,
      column: ins.argsColumn + Math.max(0, ins.args.indexOf(written)),
      stage,
      kind,
      unresolved,
    });
  };
  for (const ins of splitInstructions(text)) {
    if (ins.keyword === 'ARG' && stage === -1) {
      for (const { name, value } of parseArgs(ins.args)) if (value !== undefined) globals.set(name, value);
      continue;
    }
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const m = /(?:^|\s)--from=("[^"]*"|'[^']*'|\S+)/.exec(ins.args);
      if (m?.[1]) use(ins, unquote(m[1]), 'copy-from');
      continue;
    }
    if (ins.keyword === 'RUN') {
      // `--mount=type=bind,from=<image>,source=/x,target=/y` (also cache/secret mounts with from=).
      for (const mount of ins.args.matchAll(/(?:^|\s)--mount=(\S+)/g)) {
        const from = /(?:^|,)from=([^,]+)/.exec(mount[1] ?? '');
        if (from?.[1]) use(ins, unquote(from[1]), 'mount-from');
      }
      continue;
    }
    if (ins.keyword !== 'FROM') continue;
    stage++;
    const tokens = ins.args.split(/\s+/).filter(Boolean);
    let platform: string | undefined;
    let offset = 0;
    while (tokens[0]?.startsWith('--')) {
      const flag = tokens.shift() ?? '';
      const pm = /^--platform=(.*)$/.exec(flag);
      if (pm) platform = pm[1];
      offset = ins.args.indexOf(tokens[0] ?? '', offset + flag.length);
    }
    const written = tokens[0] ?? '';
    let stageName: string | undefined;
    if (tokens.length >= 3 && tokens[1]?.toLowerCase() === 'as') stageName = tokens[2];
    const unresolved: string[] = [];
    const image = substituteVars(written, globals, unresolved);
    const lower = image.toLowerCase();
    if (lower === 'scratch' || stageNames.has(lower)) internal.push({ line: ins.line, from: image });
    else if (written !== '') {
      const entry: BaseImage = {
        image,
        written,
        line: ins.line,
        column: ins.argsColumn + Math.max(0, ins.args.indexOf(written)),
        stage,
        unresolved,
      };
      if (stageName !== undefined) entry.stageName = stageName;
      if (platform !== undefined) entry.platform = platform;
      images.push(entry);
    }
    if (stageName) stageNames.add(stageName.toLowerCase());
  }
  return { images, uses, internal };
}

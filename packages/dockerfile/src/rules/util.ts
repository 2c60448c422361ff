import type { Report, Rule, Severity } from '@shipshape/core';
import type { DockerfileModel, Instr, RunInfo, Stage } from '../model/model.js';
import type { ShellCommand, ShellWord } from '../model/shell.js';

/** A Dockerfile rule: a pure function of the prepared model and the rule's options. */
export type DockerRule = Rule<DockerfileModel, Record<string, unknown>>;

export function report(
  model: DockerfileModel,
  start: number,
  end: number,
  messageId: string,
  data: Record<string, string | number> = {},
  extra: Partial<Report> = {},
): Report {
  return { messageId, data, range: model.range(start, end), ...extra };
}

/** Report on the first line of an instruction. */
export function reportInstr(
  model: DockerfileModel,
  instr: Instr,
  messageId: string,
  data: Record<string, string | number> = {},
  extra: Partial<Report> = {},
): Report {
  return { messageId, data, range: model.lineRange(instr), ...extra };
}

/** Every parsed RUN with its stage. */
export function* runsOf(
  model: DockerfileModel,
  filter?: (stage: Stage) => boolean,
): Generator<RunInfo & { stage: Stage }> {
  for (const run of model.runs) {
    if (filter && !filter(run.stage)) continue;
    yield run;
  }
}

/** Severity one step lower for builder stages (their layers do not ship). */
export function stageSeverity(stage: Stage, shipped: Severity, builder: Severity): Severity {
  return stage.ships ? shipped : builder;
}

export function isUrl(value: string): boolean {
  return /^(https?|ftp):\/\//i.test(value);
}

/** The first argument that looks like a URL, if any. */
export function urlArg(cmd: ShellCommand): ShellWord | undefined {
  return cmd.args.find((a) => /^(https?|ftp):\/\//i.test(a.value) || /^\$\{?[A-Za-z_]*URL\}?/.test(a.value));
}

/** `curl`/`wget` (and friends) fetching something. */
export function isDownload(cmd: ShellCommand): boolean {
  if (cmd.name === 'curl' || cmd.name === 'wget' || cmd.name === 'fetch' || cmd.name === 'aria2c') {
    return cmd.args.some((a) => !a.value.startsWith('-'));
  }
  if (cmd.name === 'busybox' && cmd.args[0]?.value === 'wget') return true;
  return false;
}

/** Short option clusters: `-fsSLk` contains `k`. */
export function hasShortFlag(cmd: ShellCommand, letter: string, longNames: string[] = []): ShellWord | undefined {
  return cmd.args.find(
    (a) =>
      (/^-[A-Za-z]+$/.test(a.value) && a.value.slice(1).includes(letter)) ||
      longNames.some((n) => a.value === n || a.value.startsWith(`${n}=`)),
  );
}

export function quoteShort(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** Whether a USER value means root. */
/**
 * The USER each shipped image ends with: for every target stage, the last USER of the nearest stage
 * in its `FROM <stage>` chain that has one (each instruction once, however many targets share it).
 */
export function finalUsers(model: DockerfileModel): { target: Stage; user: Instr }[] {
  const out: { target: Stage; user: Instr }[] = [];
  const seen = new Set<Instr>();
  for (const target of model.targetStages()) {
    let last: Instr | undefined;
    for (const stage of model.chain(target)) {
      const users = stage.instructions.filter((i) => i.keyword === 'USER');
      last = users[users.length - 1];
      if (last) break;
    }
    if (!last || seen.has(last)) continue;
    seen.add(last);
    out.push({ target, user: last });
  }
  return out;
}

export function isRootUser(value: string): boolean {
  const user = value.trim().split(':')[0]?.trim().toLowerCase() ?? '';
  return user === 'root' || user === '0';
}

/** Windows images (servercore, nanoserver, `# escape=\``): no numeric UIDs, root is ContainerAdministrator. */
export function isWindowsStage(model: DockerfileModel, stage: Stage): boolean {
  const raw = model.baseOf(stage).image.raw;
  return /(^|\/)windows(\/|:|$)|nanoserver|servercore/i.test(raw) || model.escapeChar === '`';
}

export function stageLabel(stage: Stage): string {
  return stage.name ? `stage "${stage.name}"` : `stage ${stage.index}`;
}

/** Commands of a RUN that run at build time (not inside `$(...)`), with a program name. */
export function topCommands(run: RunInfo): ShellCommand[] {
  return run.commands.filter((c) => c.name !== '' && !c.inSubstitution);
}

/**
 * The value of an option given as `-u 1000`, `-u1000`, `--uid 1000` or `--uid=1000`; undefined
 * when absent. Short clusters such as `-lu 1000` count when the letter ends the cluster.
 */
export function optionValue(cmd: ShellCommand, short: string, long: string): ShellWord | undefined {
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]?.value ?? '';
    if (v === '--') break;
    if (v === `--${long}`) return args[i + 1];
    if (v.startsWith(`--${long}=`)) {
      const w = args[i] as ShellWord;
      return { ...w, value: v.slice(long.length + 3) };
    }
    if (/^-[A-Za-z]+$/.test(v) && v.endsWith(short)) return args[i + 1];
    if (v.startsWith(`-${short}`) && v.length > 2 && !v.startsWith('--') && /^\d/.test(v.slice(2))) {
      const w = args[i] as ShellWord;
      return { ...w, value: v.slice(2) };
    }
  }
  return undefined;
}

import type { Analyzer, AnalyzerContext, Finding, ScanFile } from '@shipshape/core';
import { buildFileKind, findBuildReferences, resolveBuild } from './context/builds.js';
import { type DockerfileOptions, lintDockerfileWithNotes, rules } from './lint.js';
import type { BuildContextInfo } from './model/model.js';

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

function baseOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

/** Compiles .dockerignore patterns (Go filepath.Match plus `**`, `!` exceptions, last match wins). */
export function dockerignoreExcludes(content: string, path: string): boolean {
  let excluded = false;
  for (const rawLine of content.split(/\r?\n/)) {
    let line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    line = line.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    if (line === '') continue;
    let re = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (c === '*') {
        if (line[i + 1] === '*') {
          re += '.*';
          i++;
          if (line[i + 1] === '/') i++;
        } else re += '[^/]*';
      } else if (c === '?') re += '[^/]';
      else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    // A pattern matching a directory also excludes everything under it.
    if (new RegExp(`^${re}(/.*)?$`).test(path)) excluded = !negate;
  }
  return excluded;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** Small files in a build context whose content decides a finding (an `.npmrc` with or without a token). */
export const CONTEXT_CONFIG_FILES = ['.npmrc', 'pip.conf', '.pypirc', '.yarnrc.yml'];
const MAX_BUILD_FILE = 1024 * 1024;
const TEMPLATE_NAME = /\.(template|tmpl|tpl|j2|jinja2?|erb|mustache|hbs|in)$/i;

/**
 * The build context of a Dockerfile as BuildKit sees it: `<Dockerfile>.dockerignore` beside the
 * Dockerfile wins over `.dockerignore` at the context root.
 */
export function buildContextInfo(
  dockerfile: string,
  context: string,
  files: { has(path: string): boolean; text(path: string): string | undefined },
): BuildContextInfo {
  const join = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);
  const beside = join(dirOf(dockerfile), `${baseOf(dockerfile)}.dockerignore`);
  const atRoot = join(context, '.dockerignore');
  const ignorePath = files.has(beside) ? beside : files.has(atRoot) ? atRoot : undefined;
  const ignoreText = ignorePath === undefined ? undefined : (files.text(ignorePath) ?? '');
  const info: BuildContextInfo = {
    dir: context,
    excludes: (path) => (ignoreText === undefined ? false : dockerignoreExcludes(ignoreText, path)),
    exists: (path) => files.has(join(context, path)),
    file: (path) => files.text(join(context, path)),
  };
  if (ignorePath !== undefined) info.dockerignore = ignorePath;
  return info;
}

/** Runs the Dockerfile rules over every file discovery classified as a Dockerfile. */
export const dockerfileAnalyzer: Analyzer = {
  name: 'dockerfile',
  rules,
  async analyze(ctx: AnalyzerContext): Promise<Finding[]> {
    const section = (ctx.config.dockerfile ?? {}) as Record<string, unknown>;
    const profiles = [...ctx.profiles];
    if (section.strict === true && !profiles.includes('strict')) profiles.push('strict');
    const base: DockerfileOptions = {};
    const trusted = stringList(section.trustedRegistries);
    const minimal = stringList(section.minimalImages);
    const nonRoot = stringList(section.nonRootImages);
    if (trusted) base.trustedRegistries = trusted;
    if (minimal) base.minimalImages = minimal;
    if (nonRoot) base.nonRootImages = nonRoot;
    if (typeof section.target === 'string') base.target = section.target;
    if (profiles.includes('strict')) base.profile = 'strict';
    if (ctx.config.rules) base.rules = ctx.config.rules;
    // The tree is known only when discovery saw more than the Dockerfiles themselves.
    // (`shipshape dockerfile` says so with `contextKnown` when it looked at the context.)
    const treeKnown = ctx.files.some((f) => !f.kinds.includes('dockerfile')) || section.contextKnown === true;
    const byPath = new Map<string, ScanFile>();
    for (const f of ctx.files) byPath.set(f.path, f);
    const texts = new Map<string, string | undefined>();
    const read = async (f: ScanFile): Promise<string | undefined> => {
      if (!texts.has(f.path)) texts.set(f.path, await ctx.readText(f).catch(() => undefined));
      return texts.get(f.path);
    };
    // Compose, bake, workflows, Makefiles and scripts say which targets ship and from which context.
    const declaring: { path: string; text: string }[] = [];
    for (const f of ctx.files) {
      if (f.size > MAX_BUILD_FILE || buildFileKind(f.path) === undefined) continue;
      const text = await read(f);
      if (text !== undefined) declaring.push({ path: f.path, text });
    }
    const dockerfiles = new Set(ctx.files.filter((f) => f.kinds.includes('dockerfile')).map((f) => f.path));
    const references = findBuildReferences(declaring).filter((r) => dockerfiles.has(r.dockerfile));
    const contextOverride = typeof section.context === 'string' ? section.context : undefined;
    // Pre-read what rules may ask of a context (they are synchronous and pure).
    for (const f of ctx.files) {
      const name = baseOf(f.path);
      if (f.kinds.includes('dockerignore') || CONTEXT_CONFIG_FILES.includes(name)) await read(f);
    }
    const tree = { has: (p: string) => byPath.has(p), text: (p: string) => texts.get(p) };
    const findings: Finding[] = [];
    for (const file of ctx.files) {
      if (!file.kinds.includes('dockerfile')) continue;
      // `Dockerfile-linux.template` and friends are input to a generator, not Dockerfiles.
      if (TEMPLATE_NAME.test(file.path)) {
        ctx.notify({
          level: 'info',
          code: 'template-skipped',
          message: `${file.path} is a template (rendered into Dockerfiles elsewhere); not linted`,
          file: file.path,
        });
        continue;
      }
      let text: string;
      try {
        text = await ctx.readText(file);
      } catch (error) {
        ctx.notify({
          level: 'warning',
          code: 'unreadable',
          message: `cannot read ${file.path}: ${(error as Error).message}`,
          file: file.path,
        });
        continue;
      }
      const build = resolveBuild(file.path, references);
      const options: DockerfileOptions = { ...base };
      if (build.sources.length > 0) {
        options.targets = build.targets;
        options.defaultTarget = build.defaultTarget;
      }
      if (treeKnown) {
        const context = contextOverride ?? build.contexts[0] ?? dirOf(file.path);
        options.context = buildContextInfo(file.path, context, tree);
      }
      const { findings: result, skipped } = lintDockerfileWithNotes({ path: file.path, text }, options);
      for (const part of skipped)
        ctx.notify({
          level: 'warning',
          code: 'not-examined',
          message: `${file.path}:${part.line}: ${part.message}`,
          file: file.path,
        });
      const parseError = result.find((f) => f.ruleId === 'docker/parse-error');
      if (parseError)
        ctx.notify({ level: 'warning', code: 'parse-error', message: parseError.message, file: file.path });
      findings.push(...result);
    }
    return findings;
  },
};

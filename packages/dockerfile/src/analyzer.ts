import type { Analyzer, AnalyzerContext, Finding, ScanFile } from '@shipshape/core';
import { type DockerfileOptions, lintDockerfileWithNotes, rules } from './lint.js';

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
    const treeKnown = ctx.files.some((f) => !f.kinds.includes('dockerfile'));
    const ignores = new Map<string, ScanFile>();
    for (const f of ctx.files) if (f.kinds.includes('dockerignore')) ignores.set(f.path, f);
    const findings: Finding[] = [];
    for (const file of ctx.files) {
      if (!file.kinds.includes('dockerfile')) continue;
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
      const dir = dirOf(file.path);
      const join = (name: string) => (dir === '' ? name : `${dir}/${name}`);
      const ignoreFile = ignores.get(join(`${baseOf(file.path)}.dockerignore`)) ?? ignores.get(join('.dockerignore'));
      let ignoreText: string | undefined;
      if (ignoreFile) {
        try {
          ignoreText = await ctx.readText(ignoreFile);
        } catch {
          ignoreText = undefined;
        }
      }
      const options: DockerfileOptions = { ...base };
      if (treeKnown || ignoreText !== undefined) {
        options.contextHasDockerignoreExcluding = (pattern) =>
          ignoreText === undefined ? (ignoreFile ? undefined : false) : dockerignoreExcludes(ignoreText, pattern);
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

import { defineRule, type Report } from '@shipshape/core';
import { parse as parseToml } from 'smol-toml';
import { type AuditInput, isExampleOrTestPath, type SbomRuleOptions } from '../../audit/input.js';
import { jsonKeyRange } from '../../audit/locate.js';
import { readRequirements } from '../../audit/requirements.js';
import { baseName, isRequirementsName } from '../../projects.js';
import { isRecord } from '../../util/yaml.js';
import { RULE_DOCS } from '../docs.js';

const ID = 'sbom/vcs-dependency-not-pinned';
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const NPM_GROUPS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** Whether an npm dependency spec points at a git repository, and its `#ref` if any. */
export function npmGitRef(spec: string): { git: boolean; ref?: string } {
  const s = spec.trim();
  const isGit =
    /^git(\+[a-z]+)?:\/\//i.test(s) ||
    /^git@/.test(s) ||
    /^(github|gitlab|bitbucket|gist):/i.test(s) ||
    /^https?:\/\/[^#]+\.git(#|$)/i.test(s) ||
    // `owner/repo` and `owner/repo#ref` GitHub shorthand (not a scoped name, not a path)
    /^[A-Za-z0-9][\w.-]*\/[\w.-]+(#.*)?$/.test(s);
  if (!isGit) return { git: false };
  const hash = s.indexOf('#');
  if (hash === -1) return { git: true };
  return { git: true, ref: s.slice(hash + 1).replace(/^commit=/, '') };
}

export const rule = defineRule<AuditInput, SbomRuleOptions>({
  meta: {
    id: ID,
    title: 'Git (VCS) dependency not pinned to a full commit',
    severity: 'medium',
    docs: RULE_DOCS[ID],
    aliases: [],
    tags: ['supply-chain', 'pinning', 'scorecard-pinned-dependencies'],
    messages: {
      movableRef:
        'Dependency "{{name}}" comes from {{url}} at "{{ref}}", a branch or tag that can move, not a full commit SHA.',
      noRef: 'Dependency "{{name}}" comes from {{url}} without any ref, so it tracks the default branch.',
    },
  },
  check(input) {
    const reports: Report[] = [];
    const name = baseName(input.path);
    const add = (report: Report) => {
      report.fix ??=
        'Reference the full 40-character commit SHA (git+https://...@<sha>, "owner/repo#<sha>", rev = "<sha>").';
      if (isExampleOrTestPath(input.path)) report.severity = 'info';
      reports.push(report);
    };
    if (input.role === 'python' && isRequirementsName(name, input.path)) {
      for (const e of readRequirements(input.text).entries) {
        if (!e.vcs) continue;
        const ref = e.vcs.ref;
        if (ref !== undefined && (COMMIT.test(ref) || (e.vcs.scheme === 'svn' && /^\d+$/.test(ref)))) continue;
        const range = { startLine: e.line, startColumn: e.column, endLine: e.line, endColumn: e.endColumn };
        const url = (e.url ?? '').split('#')[0]?.replace(/@[^@/]*$/, '') ?? '';
        add(
          ref === undefined
            ? { messageId: 'noRef', data: { name: e.name ?? url, url }, range }
            : { messageId: 'movableRef', data: { name: e.name ?? url, url, ref }, range },
        );
      }
      return reports;
    }
    if (input.role === 'npm-manifest') {
      let json: unknown;
      try {
        json = JSON.parse(input.text);
      } catch {
        return [];
      }
      if (!isRecord(json)) return [];
      for (const group of NPM_GROUPS) {
        const deps = json[group];
        if (!isRecord(deps)) continue;
        for (const [dep, spec] of Object.entries(deps)) {
          if (typeof spec !== 'string') continue;
          const git = npmGitRef(spec);
          if (!git.git || (git.ref !== undefined && COMMIT.test(git.ref))) continue;
          const range = jsonKeyRange(input.text, input.lines, group, dep);
          const url = spec.split('#')[0] ?? spec;
          add(
            git.ref === undefined
              ? { messageId: 'noRef', data: { name: dep, url }, range }
              : { messageId: 'movableRef', data: { name: dep, url, ref: git.ref }, range },
          );
        }
      }
      return reports;
    }
    if (input.role === 'python' && name === 'pyproject.toml') {
      let data: unknown;
      try {
        data = parseToml(input.text);
      } catch {
        return [];
      }
      if (!isRecord(data)) return [];
      // PEP 508 direct references: `name @ git+https://...@ref`
      const project = isRecord(data.project) ? data.project : {};
      const specs: string[] = [];
      if (Array.isArray(project.dependencies))
        specs.push(...project.dependencies.filter((d): d is string => typeof d === 'string'));
      if (isRecord(project['optional-dependencies']))
        for (const list of Object.values(project['optional-dependencies']))
          if (Array.isArray(list)) specs.push(...list.filter((d): d is string => typeof d === 'string'));
      if (isRecord(data['dependency-groups']))
        for (const list of Object.values(data['dependency-groups']))
          if (Array.isArray(list)) specs.push(...list.filter((d): d is string => typeof d === 'string'));
      for (const spec of specs) {
        const m = /^\s*([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*@\s*((?:git|hg|svn|bzr)\+\S+)/.exec(spec);
        if (!m?.[1] || !m[2]) continue;
        const urlFull = (m[2].split('#')[0] ?? m[2]).replace(/;.*$/, '');
        const path = urlFull.replace(/^\w+\+\w+:\/\//, '');
        const at = path.lastIndexOf('@');
        const ref = at > path.lastIndexOf('/') ? path.slice(at + 1) : undefined;
        if (ref !== undefined && COMMIT.test(ref)) continue;
        const url = ref === undefined ? urlFull : urlFull.slice(0, urlFull.length - ref.length - 1);
        const offset = input.text.indexOf(spec);
        const range = offset === -1 ? input.lines.range(0, 0) : input.lines.range(offset, offset + spec.length);
        add(
          ref === undefined
            ? { messageId: 'noRef', data: { name: m[1], url }, range }
            : { messageId: 'movableRef', data: { name: m[1], url, ref }, range },
        );
      }
      // Poetry: `name = { git = "...", branch|tag|rev = "..." }`
      const tool = isRecord(data.tool) ? data.tool : {};
      const poetry = isRecord(tool.poetry) ? tool.poetry : {};
      const tables: Record<string, unknown>[] = [];
      if (isRecord(poetry.dependencies)) tables.push(poetry.dependencies);
      if (isRecord(poetry['dev-dependencies'])) tables.push(poetry['dev-dependencies']);
      if (isRecord(poetry.group))
        for (const g of Object.values(poetry.group))
          if (isRecord(g) && isRecord(g.dependencies)) tables.push(g.dependencies);
      for (const table of tables) {
        for (const [dep, spec] of Object.entries(table)) {
          if (!isRecord(spec) || typeof spec.git !== 'string') continue;
          const ref =
            typeof spec.rev === 'string'
              ? spec.rev
              : typeof spec.tag === 'string'
                ? spec.tag
                : typeof spec.branch === 'string'
                  ? spec.branch
                  : undefined;
          if (ref !== undefined && typeof spec.rev === 'string' && COMMIT.test(ref)) continue;
          const re = new RegExp(`^\\s*["']?${dep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*=`);
          let line = 1;
          for (let n = 1; n <= input.lines.lineCount; n++)
            if (re.test(input.lines.line(n)) && input.lines.line(n).includes('git')) {
              line = n;
              break;
            }
          const text = input.lines.line(line);
          const range = {
            startLine: line,
            startColumn: text.length - text.trimStart().length + 1,
            endLine: line,
            endColumn: text.trimEnd().length + 1,
          };
          add(
            ref === undefined
              ? { messageId: 'noRef', data: { name: dep, url: spec.git }, range }
              : { messageId: 'movableRef', data: { name: dep, url: spec.git, ref }, range },
          );
        }
      }
    }
    return reports;
  },
});

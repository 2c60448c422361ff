import { type DockerfileOptions, settingsFrom } from './lint.js';
import { buildModel } from './model/model.js';
import { localAdds } from './rules/add-instead-of-copy/rule.js';
import { installsWithRecommends } from './rules/missing-no-install-recommends/rule.js';
import { cacheProblems } from './rules/package-cache-kept/rule.js';

interface Edit {
  start: number;
  end: number;
  text: string;
  ruleId: string;
  /** For insertions after a word: the word that must end exactly at `start`. */
  after?: string;
}

/**
 * Applies the safe, mechanical fixes: `--no-install-recommends` for apt-get, `--no-cache` for
 * apk, `--no-cache-dir` for pip, and COPY for ADD of local files. Everything else is left alone.
 */
export function fixDockerfile(
  input: { path: string; text: string },
  options: DockerfileOptions = {},
): { text: string; applied: { ruleId: string; line: number }[] } {
  const model = buildModel(input.path, input.text, settingsFrom(options));
  const edits: Edit[] = [];
  const text = input.text;
  for (const install of installsWithRecommends(model)) {
    edits.push({
      start: install.verb.end,
      end: install.verb.end,
      text: ' --no-install-recommends',
      ruleId: 'docker/missing-no-install-recommends',
      after: install.verb.value,
    });
  }
  for (const problem of cacheProblems(model)) {
    if (problem.kind === 'apk')
      edits.push({
        start: problem.install.verb.end,
        end: problem.install.verb.end,
        text: ' --no-cache',
        ruleId: 'docker/package-cache-kept',
        after: problem.install.verb.value,
      });
    if (problem.kind === 'pip')
      edits.push({
        start: problem.install.verb.end,
        end: problem.install.verb.end,
        text: ' --no-cache-dir',
        ruleId: 'docker/package-cache-kept',
        after: problem.install.verb.value,
      });
  }
  for (const instr of localAdds(model)) {
    if (text.slice(instr.start, instr.start + 3).toUpperCase() === 'ADD') {
      edits.push({
        start: instr.start,
        end: instr.start + 3,
        text: text.slice(instr.start, instr.start + 3) === 'add' ? 'copy' : 'COPY',
        ruleId: 'docker/add-instead-of-copy',
      });
    }
  }
  // Only edits whose anchor is where we think it is (exec-form RUNs map every word to the instruction).
  const safe = edits
    .filter((e) =>
      e.start === e.end
        ? e.after !== undefined &&
          text.slice(e.start - e.after.length, e.start) === e.after &&
          !/[\w"'-]/.test(text[e.start - e.after.length - 1] ?? ' ') &&
          (e.start >= text.length || /\s/.test(text[e.start] ?? ' '))
        : true,
    )
    .sort((a, b) => b.start - a.start);
  let out = text;
  const applied: { ruleId: string; line: number }[] = [];
  let lastStart = Number.POSITIVE_INFINITY;
  for (const e of safe) {
    if (e.end > lastStart) continue;
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    lastStart = e.start;
    applied.push({ ruleId: e.ruleId, line: model.lines.position(e.start).line });
  }
  applied.sort((a, b) => a.line - b.line || (a.ruleId < b.ruleId ? -1 : 1));
  return { text: out, applied };
}

/** A unified diff of two texts (3 lines of context), for `--fix --dry-run`. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  // LCS table; Dockerfiles are small. Beyond ~4M cells, fall back to one whole-file hunk.
  const ops: { kind: ' ' | '-' | '+'; text: string; ai: number; bi: number }[] = [];
  if (a.length * b.length > 4_000_000) {
    a.forEach((t, i) => {
      ops.push({ kind: '-', text: t, ai: i, bi: 0 });
    });
    b.forEach((t, i) => {
      ops.push({ kind: '+', text: t, ai: a.length, bi: i });
    });
  } else {
    const n = a.length;
    const m = b.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      const row = lcs[i] as Uint32Array;
      const next = lcs[i + 1] as Uint32Array;
      for (let j = m - 1; j >= 0; j--)
        row[j] = a[i] === b[j] ? (next[j + 1] ?? 0) + 1 : Math.max(next[j] ?? 0, row[j + 1] ?? 0);
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) {
        ops.push({ kind: ' ', text: a[i] ?? '', ai: i, bi: j });
        i++;
        j++;
      } else if (j < m && (i >= n || (lcs[i]?.[j + 1] ?? 0) > (lcs[i + 1]?.[j] ?? 0))) {
        ops.push({ kind: '+', text: b[j] ?? '', ai: i, bi: j });
        j++;
      } else {
        ops.push({ kind: '-', text: a[i] ?? '', ai: i, bi: j });
        i++;
      }
    }
  }
  const lines = [`--- a/${path}`, `+++ b/${path}`];
  const context = 3;
  let k = 0;
  while (k < ops.length) {
    if (ops[k]?.kind === ' ') {
      k++;
      continue;
    }
    let start = Math.max(0, k - context);
    let end = k;
    // extend the hunk while changes are within 2*context of each other
    while (end < ops.length) {
      if (ops[end]?.kind !== ' ') {
        end++;
        continue;
      }
      let run = end;
      while (run < ops.length && ops[run]?.kind === ' ') run++;
      if (run < ops.length && run - end <= context * 2) end = run;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const hunk = ops.slice(start, stop);
    const first = hunk[0];
    const aStart = (first?.ai ?? 0) + 1;
    const bStart = (first?.bi ?? 0) + 1;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    lines.push(`@@ -${aLen === 0 ? aStart - 1 : aStart},${aLen} +${bLen === 0 ? bStart - 1 : bStart},${bLen} @@`);
    for (const o of hunk) lines.push(`${o.kind}${o.text}`);
    k = stop;
    start = stop;
  }
  return `${lines.join('\n')}\n`;
}

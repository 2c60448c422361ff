import { defineRule } from '@shipshape/core';
import type { DockerfileModel, Instr, Stage } from '../../model/model.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

/** The destination argument of a COPY (shell or JSON form). */
function destination(model: DockerfileModel, instr: Instr): { value: string; start: number; end: number } | undefined {
  const text = instr.argsText.trim();
  if (text.startsWith('[')) {
    try {
      const list = JSON.parse(text.slice(text.indexOf('['))) as unknown;
      if (Array.isArray(list) && list.length >= 2 && typeof list[list.length - 1] === 'string')
        return { value: list[list.length - 1] as string, start: instr.argsStart, end: instr.end };
    } catch {
      return undefined;
    }
    return undefined;
  }
  // Heredoc sources: the destination is the last word of the first line, before the body.
  const heredoc = instr.args.some((a) => a.value.startsWith('<<'));
  const args = instr.args.filter(
    (a) => !a.value.startsWith('<<') && (!heredoc || model.lines.position(a.start).line === instr.line),
  );
  if (args.length < 2) return undefined;
  return args[args.length - 1];
}

function isAbsoluteOrDynamic(dest: string): boolean {
  const d = dest.replace(/^["']|["']$/g, '');
  return d.startsWith('/') || d.startsWith('$') || /^[A-Za-z]:[\\/]/.test(d) || d.startsWith('\\');
}

function hasWorkdir(stage: Stage, before?: number): boolean {
  return stage.instructions.some((i) => i.keyword === 'WORKDIR' && (before === undefined || i.line < before));
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/copy-relative-destination-without-workdir',
    title: 'COPY to a relative path before any WORKDIR',
    severity: 'low',
    aliases: ['DL3045'],
    tags: ['reliability'],
    messages: {
      relative:
        'COPY to the relative path "{{dest}}" with no WORKDIR set in this stage; the files land wherever the base image happens to point.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const inherited = model
        .chain(stage)
        .slice(1)
        .some((s) => hasWorkdir(s));
      if (inherited) continue;
      for (const instr of stage.instructions) {
        if (instr.keyword === 'WORKDIR') break;
        if (instr.keyword !== 'COPY') continue;
        const dest = destination(model, instr);
        if (!dest || isAbsoluteOrDynamic(dest.value)) continue;
        out.push(report(model, dest.start, dest.end, 'relative', { dest: dest.value }));
      }
    }
    return out;
  },
});

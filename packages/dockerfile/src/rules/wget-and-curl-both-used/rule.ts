import { defineRule } from '@shipshape/core';
import type { RunInfo } from '../../model/model.js';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

/** Trivy's test: a shell-form `&&` part that starts with the tool and is not an install, or an exec-form RUN of it. */
function trivyUses(run: RunInfo, tool: string): boolean {
  if (run.execForm) return run.commands[0]?.name === tool;
  return run.instr.argsText
    .split('&&')
    .map((part) => part.trimStart())
    .some((part) => part.startsWith(tool) && !part.includes('install '));
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/wget-and-curl-both-used',
    title: 'Both wget and curl used in one stage',
    severity: 'info',
    aliases: ['DL4001', ...trivy(14)],
    tags: ['hygiene', 'image-size'],
    messages: {
      both: 'This stage downloads with both wget and curl; settle on one tool so only one is installed and kept up to date.',
      bothFile:
        'This Dockerfile downloads with both wget and curl; settle on one tool so only one is installed and kept up to date.',
    },
  },
  check(model) {
    const out = [];
    // Trivy DS014: every RUN whose text uses wget, once any RUN of the file uses curl.
    const trivyWget = new Set(model.runs.filter((r) => trivyUses(r, 'wget')));
    const trivyBoth = trivyWget.size > 0 && model.runs.some((r) => trivyUses(r, 'curl'));
    for (const stage of model.stages) {
      const seen = new Set<string>();
      for (const run of model.runs) {
        if (run.stage !== stage) continue;
        const tools = run.commands.filter((c) => c.name === 'curl' || c.name === 'wget');
        for (const t of tools) seen.add(t.name);
        // hadolint DL4001: each RUN using either tool once the stage has used both
        const dl = tools.length > 0 && seen.size === 2;
        const ds = trivyBoth && trivyWget.has(run);
        const first = tools[0];
        if (!first || !(dl || ds)) continue;
        const aliases = [...(dl ? ['DL4001'] : []), ...(ds ? trivy(14) : [])];
        out.push(report(model, first.start, first.end, dl ? 'both' : 'bothFile', {}, { aliases }));
      }
    }
    return out;
  },
});

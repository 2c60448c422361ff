import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/wget-and-curl-both-used',
    title: 'Both wget and curl used in one stage',
    severity: 'info',
    aliases: ['DL4001', ...trivy(14)],
    tags: ['hygiene', 'image-size'],
    messages: {
      both: 'This stage downloads with both wget and curl; settle on one tool so only one is installed and kept up to date.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const seen = new Set<string>();
      for (const run of model.runs) {
        if (run.stage !== stage) continue;
        const tools = run.commands.filter((c) => c.name === 'curl' || c.name === 'wget');
        if (tools.length === 0) continue;
        for (const t of tools) seen.add(t.name);
        const first = tools[0];
        if (seen.size === 2 && first) out.push(report(model, first.start, first.end, 'both'));
      }
    }
    return out;
  },
});

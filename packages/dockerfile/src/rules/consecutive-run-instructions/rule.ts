import { defineRule } from '@shipshape/core';
import type { RunInfo } from '../../model/model.js';
import type { DockerRule } from '../util.js';
import { reportInstr, topCommands } from '../util.js';

/** How many commands a RUN chains; a RUN the shell parser could not read is split on `&&`, `||`, `;`. */
function commandCount(run: RunInfo): number {
  if (run.parsed) return topCommands(run).length;
  return run.instr.argsText.split(/&&|\|\||;/).filter((s) => s.trim() !== '').length;
}

function flagKey(run: RunInfo, text: string): string {
  return run.instr.flags
    .map((f) => text.slice(f.start, f.end))
    .sort()
    .join(' ');
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/consecutive-run-instructions',
    title: 'Consecutive single-command RUN instructions',
    severity: 'info',
    aliases: ['DL3059'],
    tags: ['hygiene', 'image-size'],
    messages: {
      consecutive:
        'This RUN directly follows another single-command RUN with the same flags; joining them with && saves a layer.',
    },
  },
  check(model) {
    const out = [];
    const runs = new Map(model.runs.map((r) => [r.instr, r]));
    for (const stage of model.stages) {
      let previous: RunInfo | undefined;
      for (const instr of stage.instructions) {
        const run = runs.get(instr);
        if (!run) {
          previous = undefined;
          continue;
        }
        if (
          previous &&
          commandCount(previous) <= 1 &&
          commandCount(run) <= 1 &&
          flagKey(previous, model.text) === flagKey(run, model.text)
        )
          out.push(reportInstr(model, instr, 'consecutive'));
        previous = run;
      }
    }
    return out;
  },
});

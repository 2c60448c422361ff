import { defineRule, type Report } from '@shipshape/core';
import { envProperties } from '../../model/model.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

function references(value: string, name: string): boolean {
  return new RegExp(`\\$(\\{${name}([:}+-]|$)|${name}(?![A-Za-z0-9_]))`).test(value);
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/env-references-same-statement',
    title: 'ENV uses a variable defined in the same ENV',
    severity: 'low',
    aliases: ['DL3044'],
    tags: ['correctness'],
    messages: {
      same: 'ENV {{key}} refers to the variable {{name}}, which this same ENV defines; Docker substitutes the value from before the instruction, not the new one.',
    },
  },
  check(model) {
    const out: Report[] = [];
    const known = new Set<string>();
    for (const instr of model.instructions) {
      if (instr.keyword === 'ARG') {
        for (const p of envProperties(instr.node, model.lines)) known.add(p.name);
        continue;
      }
      if (instr.keyword !== 'ENV') continue;
      if (!instr.argsText.includes('$')) {
        for (const p of envProperties(instr.node, model.lines)) known.add(p.name);
        continue;
      }
      const props = envProperties(instr.node, model.lines);
      props.forEach((p, i) => {
        if (!p.value.includes('$')) return;
        const earlier = props.slice(0, i).find((q) => !known.has(q.name) && references(p.value, q.name));
        if (earlier) out.push(report(model, p.valueStart, p.valueEnd, 'same', { key: p.name, name: earlier.name }));
      });
      for (const p of props) known.add(p.name);
    }
    return out;
  },
});

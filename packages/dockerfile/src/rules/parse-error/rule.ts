import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/parse-error',
    title: 'Dockerfile does not parse',
    severity: 'high',
    aliases: ['DL3061'],
    tags: ['correctness'],
    messages: { parse: 'The Dockerfile does not parse: {{problem}}.' },
  },
  check(model) {
    return model.problems.map((p) => {
      const pos = model.lines.position(p.start);
      const lineText = model.lines.line(pos.line);
      return report(
        model,
        p.start,
        p.start + Math.max(1, lineText.length - pos.column + 1),
        'parse',
        { problem: p.message },
        // Only an instruction before the first FROM is what hadolint's DL3061 means.
        { fingerprintKey: p.message, aliases: / before the first FROM$/.test(p.message) ? ['DL3061'] : [] },
      );
    });
  },
});

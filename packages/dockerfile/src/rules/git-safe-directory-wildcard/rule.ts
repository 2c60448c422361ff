import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/git-safe-directory-wildcard',
    title: "git safe.directory set to '*'",
    severity: 'low',
    aliases: [],
    tags: ['hardening', 'cwe-282'],
    messages: {
      wildcard:
        "git config safe.directory '*' turns off git's repository-ownership check for every directory, so a repository owned by another user can run its hooks and config; list the directories instead.",
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        if (cmd.name !== 'git') continue;
        const args = cmd.args;
        const i = args.findIndex((a) => /^safe\.directory(=|$)/i.test(a.value));
        if (i === -1) continue;
        const word = args[i];
        const inline = word?.value.includes('=') ? word.value.slice(word.value.indexOf('=') + 1) : undefined;
        if (word && (inline ?? args[i + 1]?.value) === '*') out.push(report(model, word.start, word.end, 'wildcard'));
      }
    }
    return out;
  },
});

import { defineRule } from '@shipshape/core';
import type { ShellCommand } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

const LONG = /^--(progress|quiet|no-verbose|output-file|append-output)(=|$)/;

/** wget options that keep its per-kilobyte progress output out of the build log. */
function quiet(cmd: ShellCommand): boolean {
  return cmd.args.some((a) => {
    const v = a.value;
    if (LONG.test(v) || v === '-nv') return true;
    if (!v.startsWith('-') || v.startsWith('--')) return false;
    const cluster = /^-([A-Za-z]+)/.exec(v)?.[1] ?? '';
    return /[qoa]/.test(cluster);
  });
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/wget-without-progress-option',
    title: 'wget without a progress or quiet option',
    severity: 'info',
    aliases: ['DL3047'],
    tags: ['hygiene'],
    messages: {
      progress: 'wget without -q, -nv or --progress=dot:giga writes a progress line per chunk, flooding the build log.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        if (cmd.name !== 'wget' || cmd.args.length === 0 || quiet(cmd)) continue;
        if (cmd.args.every((a) => a.value.startsWith('-'))) continue; // wget --version / --help
        out.push(report(model, cmd.start, cmd.end, 'progress'));
      }
    }
    return out;
  },
});

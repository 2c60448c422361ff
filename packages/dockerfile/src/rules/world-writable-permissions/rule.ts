import { defineRule } from '@shipshape/core';
import type { DockerfileModel } from '../../model/model.js';
import type { ShellCommand } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

/** Octal modes that let anyone write, unless the sticky bit makes it a shared temp directory. */
export function isWorldWritableMode(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0');
    const special = Number(digits[0]);
    const other = Number(digits[3]);
    if (special & 1) return false; // sticky bit: /tmp-style
    return (other & 2) !== 0;
  }
  // symbolic: a+w, o+w, +w (umask-dependent; treat as world-writable), a=rwx
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([+=])([rwxXst]*)$/.exec(clause);
    if (!m) return false;
    const who = m[1] ?? '';
    return (who.includes('a') || who.includes('o')) && (m[3] ?? '').includes('w') && !(m[3] ?? '').includes('t');
  });
}

/** Variables the RUN assigns from `mktemp` (scratch directories it removes again). */
function mktempVariables(model: DockerfileModel, commands: ShellCommand[]): Set<string> {
  const names = new Set<string>();
  for (const cmd of commands)
    for (const a of cmd.assigns) if (/\bmktemp\b/.test(model.text.slice(a.start, a.end))) names.add(a.name);
  return names;
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/world-writable-permissions',
    title: 'Files made writable by every user',
    severity: 'medium',
    aliases: [],
    tags: ['least-privilege', 'cwe-732'],
    messages: {
      mode: '{{what}} makes files writable by every user in the container; grant write access to the owning user only.',
    },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      const flag = instr.flags.find((f) => f.name === 'chmod');
      if (flag?.value && isWorldWritableMode(flag.value))
        out.push(report(model, flag.start, flag.end, 'mode', { what: `${instr.keyword} --chmod=${flag.value}` }));
    }
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        if (cmd.name !== 'chmod') continue;
        const word = cmd.args.find((a) =>
          /^([0-7]{3,4}|[ugoa]*[+=-][rwxXst]+(,[ugoa]*[+=-][rwxXst]+)*)$/.test(a.value),
        );
        if (!word || !isWorldWritableMode(word.value)) continue;
        // `chmod 777 "$tempDir"` on a mktemp scratch directory (so a build user such as _apt can use it)
        const temps = mktempVariables(model, run.commands);
        const targets = cmd.args.filter((a) => a !== word && !a.value.startsWith('-'));
        if (
          temps.size > 0 &&
          targets.length > 0 &&
          targets.every((t) => temps.has(t.value.replace(/^\$\{?([A-Za-z_]\w*)\}?$/, '$1')))
        )
          continue;
        out.push(report(model, word.start, word.end, 'mode', { what: `chmod ${word.value}` }));
      }
    }
    return out;
  },
});

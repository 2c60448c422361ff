import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

const SHELL = /^(\/usr)?(\/bin\/)?(ba|da|a|z|k)?sh$/;

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/exec-form-variable',
    title: 'Exec-form CMD/ENTRYPOINT relies on variable expansion',
    severity: 'medium',
    aliases: [],
    tags: ['reliability'],
    messages: {
      literal:
        '{{keyword}} in exec form passes "{{word}}" literally: no shell runs, so {{variable}} is never expanded. Use ["sh", "-c", "…"] or the shell form, or have the program read the variable.',
    },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT') continue;
      const text = instr.argsText.trim();
      if (!text.startsWith('[')) continue;
      let argv: unknown;
      try {
        argv = JSON.parse(text);
      } catch {
        continue;
      }
      if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) continue;
      const words = argv as string[];
      // `["sh", "-c", "exec app --port $PORT"]`: the shell expands it.
      if (SHELL.test(words[0] ?? '') && words.some((w) => /^-[a-z]*c$/.test(w))) continue;
      // An entrypoint script that execs "$@" expands nothing either, so every word counts.
      const index = words.findIndex((w) => /\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/.test(w));
      if (index === -1) continue;
      const word = words[index] as string;
      const variable = /\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/.exec(word)?.[0] ?? '';
      const literal = JSON.stringify(word);
      const at = model.text.indexOf(literal, instr.argsStart);
      const start = at === -1 || at > instr.end ? instr.argsStart : at;
      out.push(
        report(model, start, at === -1 ? instr.end : start + literal.length, 'literal', {
          keyword: instr.keyword,
          word,
          variable,
        }),
      );
    }
    return out;
  },
});

import { defineRule } from '@shipshape/core';
import { copyParts, envProperties } from '../../model/model.js';
import { installCommand } from '../../model/packages.js';
import type { ShellWord } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

const EXTRA_INDEX = /extra[-_]index[-_]url/i;

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/extra-package-index',
    title: 'Package index mixed with a second index (dependency confusion)',
    severity: 'medium',
    aliases: [],
    tags: ['supply-chain', 'dependency-confusion', 'cwe-427'],
    messages: {
      pipExtra:
        'pip {{how}} adds a second index next to the default one; pip takes the highest version from either, so anyone who publishes an internal package name on PyPI wins. Use a single --index-url that proxies PyPI.',
      pipConf:
        '{{how}} writes extra-index-url into pip configuration; every later pip install then picks the highest version from either index (dependency confusion).',
      uvUnsafe:
        "uv {{how}} with --index-strategy unsafe-best-match takes the best version across all indexes, so a public package can replace an internal one. Keep uv's default first-index strategy.",
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        const install = installCommand(cmd);
        if (install?.manager === 'pip') {
          const extra = cmd.args.find((a) => /^--extra-index-url(=|$)/.test(a.value));
          if (cmd.name === 'uv') {
            const indexes = cmd.args.filter((a) =>
              /^--(index|extra-index-url|index-url|default-index)(=|$)/.test(a.value),
            );
            const unsafe =
              cmd.args.some(
                (a, i) =>
                  a.value === '--index-strategy=unsafe-best-match' ||
                  (a.value === '--index-strategy' && cmd.args[i + 1]?.value === 'unsafe-best-match'),
              ) ||
              cmd.assigns.some((a) => a.name === 'UV_INDEX_STRATEGY' && a.value === 'unsafe-best-match') ||
              model.resolve('$UV_INDEX_STRATEGY', run.instr).value === 'unsafe-best-match';
            const first = indexes[0] ?? extra;
            if (unsafe && first)
              out.push(
                report(model, first.start, first.end, 'uvUnsafe', {
                  how: indexes.length > 1 ? `with ${indexes.length} indexes` : (first.value.split('=')[0] ?? ''),
                }),
              );
            continue;
          }
          if (extra) out.push(report(model, extra.start, extra.end, 'pipExtra', { how: '--extra-index-url' }));
          continue;
        }
        // pip config set global.extra-index-url …
        if (/^pip(\d+(\.\d+)?)?$/.test(cmd.name) && cmd.args[0]?.value === 'config') {
          const key = cmd.args.find((a) => EXTRA_INDEX.test(a.value));
          if (key) out.push(report(model, key.start, key.end, 'pipConf', { how: 'pip config' }));
          continue;
        }
        // echo "extra-index-url = …" >> /etc/pip.conf, or a heredoc into pip.conf
        if (/^(echo|printf|tee|cat)$/.test(cmd.name)) {
          const word: ShellWord | undefined =
            cmd.args.find((a) => EXTRA_INDEX.test(a.value)) ??
            (cmd.redirects.some((r) => EXTRA_INDEX.test(r.heredoc ?? '')) ? cmd.argv[0] : undefined);
          if (word) out.push(report(model, word.start, word.end, 'pipConf', { how: cmd.name }));
        }
      }
    }
    for (const instr of model.instructions) {
      if (instr.keyword === 'ENV' || instr.keyword === 'ARG') {
        for (const p of envProperties(instr.node, model.lines))
          if (/^PIP_EXTRA_INDEX_URL$/i.test(p.name) && p.value !== '')
            out.push(
              report(model, p.nameStart, p.nameStart + p.name.length, 'pipConf', { how: `${instr.keyword} ${p.name}` }),
            );
      }
      // COPY pip.conf /etc/pip.conf: read from the build context when it is known.
      if ((instr.keyword === 'COPY' || instr.keyword === 'ADD') && !instr.flags.some((f) => f.name === 'from')) {
        for (const src of copyParts(model, instr).sources) {
          const path = src.value.replace(/^["']|["']$/g, '').replace(/^(\.\/)+/, '');
          if (!/(^|\/)pip\.conf$|(^|\/)pip\.ini$/.test(path)) continue;
          const text = model.settings.context?.file?.(path);
          if (text !== undefined && /^\s*extra[-_]index[-_]url\s*=/im.test(text))
            out.push(report(model, src.start, src.end, 'pipConf', { how: `${instr.keyword} ${path}` }));
        }
      }
    }
    return out.sort((a, b) => a.range.startLine - b.range.startLine);
  },
});

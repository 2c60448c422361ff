import { defineRule } from '@shipshape/core';
import type { Instr } from '../../model/model.js';
import type { ShellCommand } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

/** Formats ADD unpacks by itself (tar, optionally compressed); zip is not one of them. */
const TAR_ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|lz|lzma|Z)|tgz|tbz2?|tb2|txz|tlz|tpz|tZ)$/;

function basename(value: string): string {
  const v = value.replace(/^["']|["']$/g, '');
  return v.slice(Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\')) + 1);
}

function extracts(cmd: ShellCommand): boolean {
  if (cmd.name === 'tar') {
    return cmd.args.some(
      (a, i) =>
        a.value === '--extract' ||
        a.value === '--get' ||
        (/^-[A-Za-z]+$/.test(a.value) && a.value.includes('x')) ||
        (i === 0 && /^[A-Za-z]+$/.test(a.value) && a.value.includes('x')),
    );
  }
  return /^(gunzip|bunzip2|unlzma|unxz|uncompress|zcat|gzcat|xz|unzip)$/.test(cmd.name);
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/copied-archive-extracted-in-run',
    title: 'Archive copied in and then extracted by RUN',
    severity: 'info',
    aliases: ['DL3010'],
    tags: ['image-size'],
    messages: {
      archive:
        'COPY brings in {{archive}}, which a later RUN unpacks; the packed archive stays in this layer. ADD unpacks local tar archives in one step.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const copies: { instr: Instr; archive: string; start: number; end: number }[] = [];
      for (const instr of stage.instructions) {
        if (instr.keyword === 'COPY' && !instr.flags.some((f) => f.name === 'from')) {
          if (!/\.(tar|t[bglpx]?z2?|tb2|tZ)\b/.test(instr.argsText)) continue;
          const args = instr.args.filter((a) => !a.value.startsWith('<<'));
          const dest = args[args.length - 1];
          const sources = args.slice(0, -1);
          if (dest && TAR_ARCHIVE.test(basename(dest.value)))
            copies.push({ instr, archive: basename(dest.value), start: dest.start, end: dest.end });
          else
            for (const s of sources)
              if (TAR_ARCHIVE.test(basename(s.value)))
                copies.push({ instr, archive: basename(s.value), start: s.start, end: s.end });
          continue;
        }
        if (instr.keyword !== 'RUN' || copies.length === 0) continue;
        const run = model.runs.find((r) => r.instr === instr);
        if (!run) continue;
        for (const cmd of run.commands) {
          if (!extracts(cmd)) continue;
          const names = new Set(cmd.args.filter((a) => !a.value.startsWith('-')).map((a) => basename(a.value)));
          for (let i = copies.length - 1; i >= 0; i--) {
            const c = copies[i];
            if (!c || !names.has(c.archive)) continue;
            out.push(report(model, c.start, c.end, 'archive', { archive: c.archive }));
            copies.splice(i, 1);
          }
        }
      }
    }
    return out.sort((a, b) => a.range.startLine - b.range.startLine);
  },
});

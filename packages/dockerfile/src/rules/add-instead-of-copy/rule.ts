import { defineRule } from '@shipshape/core';
import type { DockerfileModel, Instr } from '../../model/model.js';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { isUrl, report } from '../util.js';

const ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst|lz|lzma)|tgz|tbz2?|txz|tzst|taz|tb2)$/i;
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/** ADD instructions that only copy local files, with the offsets of the ADD keyword (for --fix). */
export function localAdds(model: DockerfileModel): Instr[] {
  return model.instructions.filter((instr) => {
    if (instr.keyword !== 'ADD' || instr.args.length < 2) return false;
    if (instr.flags.some((f) => ADD_ONLY_FLAGS.has(f.name))) return false;
    const sources = instr.args.slice(0, -1).map((a) => model.resolve(a.value, instr).value.replace(/^["']|["']$/g, ''));
    if (sources.some((s) => s.startsWith('<<') || s.startsWith('['))) return false;
    return sources.every((s) => !isUrl(s) && !/^(git@|git:\/\/|ssh:\/\/)/.test(s) && !ARCHIVE.test(s) && !/\$/.test(s));
  });
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/add-instead-of-copy',
    title: 'ADD used where COPY suffices',
    severity: 'low',
    aliases: ['DL3020', ...trivy(5), 'CKV_DOCKER_4'],
    tags: ['cis-docker-4.9', 'hygiene'],
    fixable: true,
    messages: {
      add: 'ADD copies local files here; use COPY, which never fetches URLs or unpacks archives by surprise.',
    },
  },
  check(model) {
    return localAdds(model).map((instr) =>
      report(model, instr.start, instr.start + 3, 'add', {}, { fix: 'Replace ADD with COPY.' }),
    );
  },
});

import { defineRule } from '@shipshape/core';
import { parseImageReference } from '../../model/image-ref.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/copy-from-unpinned-image',
    title: 'COPY --from an external image that is not pinned by digest',
    severity: 'medium',
    aliases: [],
    tags: ['supply-chain', 'reproducibility'],
    messages: {
      unpinned: 'COPY --from={{image}} pulls files from an image that is not pinned by digest; pin it with @sha256:.',
    },
  },
  check(model) {
    const out = [];
    const names = new Set(model.stages.map((s) => s.name?.toLowerCase()).filter((n) => n !== undefined));
    for (const stage of model.stages) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'COPY') continue;
        const flag = instr.flags.find((f) => f.name === 'from');
        if (!flag?.value) continue;
        const value = model.resolve(flag.value, instr).value;
        if (/^\d+$/.test(value) || names.has(value.toLowerCase())) continue;
        // A bare word is a stage typo (copy-from-unknown-stage), not an image
        if (!/[:/@.]/.test(value)) continue;
        const img = parseImageReference(value);
        if (img.unresolved || img.digest) continue;
        // A version tag without a digest is a reproducibility nit (strict raises it); no tag or
        // `latest` means whatever the registry serves today.
        const versioned = img.tag !== undefined && img.tag.toLowerCase() !== 'latest';
        out.push(
          report(
            model,
            flag.start,
            flag.end,
            'unpinned',
            { image: value },
            { severity: versioned && !model.settings.strict ? 'low' : 'medium' },
          ),
        );
      }
    }
    return out;
  },
});

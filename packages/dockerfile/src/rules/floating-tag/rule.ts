import { defineRule } from '@shipshape/core';
import { FLOATING_TAG_WORDS } from '../../data/images.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

/** A tag made only of channel words (`lts-alpine`, `stable`, `slim`) names no version at all. */
export function isFloatingTag(tag: string): boolean {
  const lower = tag.toLowerCase();
  if (lower === 'latest' || /\d/.test(lower)) return false;
  return lower.split(/[-_.]/).every((part) => FLOATING_TAG_WORDS.has(part));
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/floating-tag',
    title: 'Base image tag names a channel, not a version',
    severity: 'low',
    aliases: [],
    tags: ['supply-chain', 'reproducibility'],
    messages: {
      floating: 'Image "{{image}}" uses the floating tag "{{tag}}", which moves across major versions; pin a version.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.stages) {
      const img = stage.image;
      if (stage.parent || img.scratch || img.unresolved || img.digest || !img.tag) continue;
      if (isFloatingTag(img.tag))
        out.push(report(model, stage.imageStart, stage.imageEnd, 'floating', { image: img.raw, tag: img.tag }));
    }
    return out;
  },
});

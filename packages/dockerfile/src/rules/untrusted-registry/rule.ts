import { defineRule } from '@shipshape/core';
import type { ImageReference } from '../../model/image-ref.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

/** Whether a registry is in the trusted list (`docker.io`, `ghcr.io/my-org`, `*.example.com`). */
export function isTrusted(image: ImageReference, trusted: readonly string[]): boolean {
  const path = `${image.normalizedRegistry}/${image.repository}`.toLowerCase();
  return trusted.some((raw) => {
    const t = raw.toLowerCase().replace(/\/+$/, '');
    const normalized = t === 'hub.docker.com' || t === 'index.docker.io' ? 'docker.io' : t;
    if (normalized.startsWith('*.')) return image.normalizedRegistry.endsWith(normalized.slice(1));
    return image.normalizedRegistry === normalized || path === normalized || path.startsWith(`${normalized}/`);
  });
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/untrusted-registry',
    title: 'Image comes from a registry outside trustedRegistries',
    severity: 'high',
    aliases: ['DL3026'],
    tags: ['supply-chain'],
    messages: { untrusted: 'Image "{{image}}" comes from {{registry}}, which is not in dockerfile.trustedRegistries.' },
  },
  check(model) {
    const trusted = model.settings.trustedRegistries;
    if (trusted.length === 0) return [];
    const out = [];
    for (const stage of model.stages) {
      const img = stage.image;
      if (stage.parent || img.scratch || img.unresolved) continue;
      if (!isTrusted(img, trusted))
        out.push(
          report(model, stage.imageStart, stage.imageEnd, 'untrusted', {
            image: img.raw,
            registry: img.normalizedRegistry,
          }),
        );
    }
    return out;
  },
});

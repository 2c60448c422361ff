import { parseImageReference } from '@shipshape/core';
import { containerLabel, workloadName } from '../../model/pod.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/image-tag-mutable',
    title: 'Container image uses the latest tag or no tag',
    severity: 'low',
    aliases: ['KSV013', 'CKV_K8S_14', 'latest-tag'],
    tags: ['supply-chain', 'reproducibility'],
    messages: {
      latest: '{{workload}} {{container}} runs {{image}}: latest moves, so what runs is not what was reviewed',
      untagged: '{{workload}} {{container}} runs {{image}} without a tag (it means latest)',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    for (const c of pod?.containers ?? []) {
      const image = c.spec.image;
      if (typeof image !== 'string' || image.trim() === '') continue;
      const ref = parseImageReference(image.trim());
      if (!ref || ref.digest) continue;
      if (ref.tag === undefined || ref.tag === '')
        out.push({
          messageId: 'untagged',
          data: { workload: workloadName(object), container: containerLabel(c), image },
          path: [...c.path, 'image'],
          valueAt: true,
        });
      else if (ref.tag === 'latest')
        out.push({
          messageId: 'latest',
          data: { workload: workloadName(object), container: containerLabel(c), image },
          path: [...c.path, 'image'],
          valueAt: true,
        });
    }
    return out;
  },
});

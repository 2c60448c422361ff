import { parseImageReference } from '@shipshape/core';
import { containerLabel, workloadName } from '../../model/pod.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/image-not-digest-pinned',
    title: 'Container image is not pinned by digest',
    severity: 'low',
    aliases: ['CKV_K8S_43'],
    tags: ['supply-chain', 'reproducibility'],
    disabledByDefault: true,
    profiles: ['strict'],
    messages: { tag: '{{workload}} {{container}} runs {{image}} by tag, not by digest' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    for (const c of pod?.containers ?? []) {
      const image = c.spec.image;
      if (typeof image !== 'string' || image.trim() === '') continue;
      const ref = parseImageReference(image.trim());
      if (!ref || ref.digest || ref.tag === undefined || ref.tag === '' || ref.tag === 'latest') continue;
      out.push({
        messageId: 'tag',
        data: { workload: workloadName(object), container: containerLabel(c), image },
        path: [...c.path, 'image'],
        valueAt: true,
      });
    }
    return out;
  },
});

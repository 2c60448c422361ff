import { redact } from '@shipshape/core';
import { inspectAssignment } from '@shipshape/secrets';
import type { Segment } from '../../model/objects.js';
import { containerLabel, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

function judge(
  out: WorkloadReport[],
  key: string,
  value: string,
  path: Segment[],
  where: string,
  object: { generated?: ReadonlySet<string>; inTemplates?: (text: string) => boolean },
): void {
  const generated = object.generated;
  for (const f of inspectAssignment(key, value)) {
    // A value the template does not spell out came from values (the secrets analyzer reads those
    // files) or was computed; only a literal in the template is this rule's.
    if (object.inTemplates && !object.inTemplates(f.secret)) return;
    // Generated at install time (randAlphaNum and friends): not a credential in the chart.
    if (generated && [...generated].some((g) => f.secret.includes(g) || g.includes(f.secret))) return;
    out.push({
      messageId: 'credential',
      data: { where, key, title: f.title },
      path,
      valueAt: true,
      templateOnly: true,
      severity: f.severity,
      secret: { redacted: redact(f.secret) },
      fingerprintKey: f.secret,
    });
    return;
  }
}

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/hardcoded-credential',
    title: 'Rendered Secret or env value is a literal credential written in the chart',
    severity: 'high',
    aliases: [],
    tags: ['secret', 'cwe-798'],
    messages: { credential: '{{where}} {{key}} renders a literal credential ({{title}}) written in the template' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    // Only what a template writes: values files and plain manifests are the secrets analyzer's.
    if (!object.rendered) return out;
    if (object.kind === 'Secret') {
      for (const [field, encoded] of [
        ['stringData', false],
        ['data', true],
      ] as const) {
        for (const [k, v] of Object.entries(obj(object.value[field]))) {
          if (typeof v !== 'string' || v === '') continue;
          const text = encoded ? Buffer.from(v, 'base64').toString('utf8') : v;
          if (encoded && Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '') !== v.replace(/=+$/, ''))
            continue;
          judge(out, k, text, [field, k], `Secret/${object.name}`, object);
        }
      }
    }
    for (const c of pod?.containers ?? []) {
      const env = c.spec.env;
      if (!Array.isArray(env)) continue;
      env.forEach((e, i) => {
        const name = obj(e).name;
        const value = obj(e).value;
        if (typeof name !== 'string' || typeof value !== 'string' || value === '') return;
        judge(
          out,
          name,
          value,
          [...c.path, 'env', i, 'value'],
          `${workloadName(object)} ${containerLabel(c)} env`,
          object,
        );
      });
    }
    return out;
  },
});

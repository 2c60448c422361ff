import { defineRule } from '@shipshape/core';
import { envProperties } from '../../model/model.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

/** Environment variables that switch off certificate checks, with the Checkov ID that names each. */
export function insecureEnv(name: string, value: string): { what: string; peer: string } | undefined {
  const v = value.trim().replace(/^["']|["']$/g, '');
  const upper = name.toUpperCase();
  if (upper === 'PYTHONHTTPSVERIFY' && v === '0') return { what: 'PYTHONHTTPSVERIFY=0', peer: 'CKV2_DOCKER_5' };
  if (upper === 'NODE_TLS_REJECT_UNAUTHORIZED' && v === '0')
    return { what: 'NODE_TLS_REJECT_UNAUTHORIZED=0', peer: 'CKV2_DOCKER_6' };
  if (upper === 'NPM_CONFIG_STRICT_SSL' && /^(false|0|no)$/i.test(v))
    return { what: `NPM_CONFIG_STRICT_SSL=${v}`, peer: 'CKV2_DOCKER_12' };
  if (upper === 'GIT_SSL_NO_VERIFY' && v !== '' && !/^(false|0|no)$/i.test(v))
    return { what: 'GIT_SSL_NO_VERIFY', peer: 'CKV2_DOCKER_14' };
  if (upper === 'PIP_TRUSTED_HOST' && v !== '') return { what: 'PIP_TRUSTED_HOST', peer: 'CKV2_DOCKER_16' };
  if ((upper === 'YARN_STRICT_SSL' || upper === 'YARN_ENABLE_STRICT_SSL') && /^(false|0)$/i.test(v))
    return { what: `${upper}=${v}`, peer: '' };
  return undefined;
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/tls-verification-disabled-env',
    title: 'Environment variable turns off TLS certificate verification',
    severity: 'high',
    aliases: ['CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_14', 'CKV2_DOCKER_16'],
    tags: ['supply-chain', 'cwe-295'],
    messages: {
      env: '{{where}} sets {{what}}, which turns off TLS certificate verification for every later download.',
    },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
      for (const p of envProperties(instr.node, model.lines)) {
        const hit = insecureEnv(p.name, p.value);
        if (hit)
          out.push(
            report(
              model,
              p.nameStart,
              p.valueEnd,
              'env',
              { where: instr.keyword, what: hit.what },
              hit.peer ? { properties: { peerId: hit.peer } } : {},
            ),
          );
      }
    }
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        for (const a of cmd.assigns) {
          const hit = insecureEnv(a.name, a.value);
          if (hit)
            out.push(
              report(
                model,
                a.start,
                a.end,
                'env',
                { where: 'RUN', what: hit.what },
                hit.peer ? { properties: { peerId: hit.peer } } : {},
              ),
            );
        }
      }
    }
    return out;
  },
});

import { defineRule } from '@shipshape/core';
import { envProperties } from '../../model/model.js';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

/** Variables that by convention carry a cloud or API credential (the list Trivy DS031 checks). */
const SECRET_VARIABLES = new Set([
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'GITHUB_TOKEN',
  'OPENAI_API_KEY',
  'HF_TOKEN',
]);

const SECRET_HINT = /AWS_|AZURE_CLIENT|GITHUB_TOKEN|OPENAI_API_KEY|HF_TOKEN/;

export function isSecretVariable(name: string): boolean {
  return SECRET_VARIABLES.has(name.replace(/^(VITE_|REACT_APP_)/, ''));
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/secret-build-arg-or-env',
    title: 'Credential variable declared as ARG or ENV in the shipped image',
    severity: 'high',
    aliases: [...trivy(31)],
    tags: ['secret', 'cwe-522'],
    messages: {
      variable:
        '{{keyword}} {{name}} passes a credential through the image: build args and ENV values are readable from the image history and config. Use RUN --mount=type=secret or set it at run time.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.shippedStages()) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
        if (!SECRET_HINT.test(instr.argsText)) continue;
        for (const p of envProperties(instr.node, model.lines)) {
          if (!isSecretVariable(p.name)) continue;
          // `ENV X=` clears the variable; `ENV X=$X` still bakes the build arg's value into the config.
          if (instr.keyword === 'ENV' && p.value === '') continue;
          out.push(
            report(model, p.nameStart, p.nameStart + p.name.length, 'variable', {
              keyword: instr.keyword,
              name: p.name,
            }),
          );
        }
      }
    }
    return out;
  },
});

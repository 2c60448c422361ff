import { defineRule } from '@shipshape/core';
import { envProperties } from '../../model/model.js';
import { trivy } from '../../model/peers.js';
import { isCredentialName, isPlaceholderValue } from '../../model/secrets.js';
import { isWeakDefault } from '../secret-in-env-or-arg/rule.js';
import type { DockerRule } from '../util.js';
import { report, stageSeverity } from '../util.js';

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

export function isSecretVariable(name: string): boolean {
  return SECRET_VARIABLES.has(name.replace(/^(VITE_|REACT_APP_)/, ''));
}

/** Name shapes that carry a credential and are not the value itself (`*_FILE`, `*_PATH`, public keys). */
const NOT_A_SECRET =
  /(_FILE|_PATH|_DIR|_URL|_HOST|_PORT|_ID|_NAME|_USER|_USERNAME|_ENABLED|PUBLIC_?KEY|_PUBKEY|_KEYRING|_KEY_ID|_FINGERPRINT)$/i;

/**
 * A variable declared to carry a credential: the DS031 list, or a credential name
 * (`NPM_TOKEN`, `DB_PASSWORD`, `SECRET_KEY`) whose value is not a literal (a literal is
 * secret-in-env-or-arg's finding).
 */
function credentialVariable(name: string, value: string | undefined, keyword: string): boolean {
  if (isSecretVariable(name)) return true;
  if (NOT_A_SECRET.test(name) || !isCredentialName(name)) return false;
  if (value === undefined || value === '') return keyword === 'ARG';
  // `ENV NPM_TOKEN=$NPM_TOKEN` bakes the build argument into the image config.
  // A weak literal default (`changeme123`) is secret-in-env-or-arg's finding.
  if (isWeakDefault(value)) return false;
  return /^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}?$/.test(value.trim()) || isPlaceholderValue(value);
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/secret-build-arg-or-env',
    title: 'Credential passed through an ARG or ENV',
    severity: 'high',
    aliases: [...trivy(31)],
    tags: ['secret', 'cwe-522'],
    messages: {
      variable:
        '{{keyword}} {{name}} passes a credential through the image: build args and ENV values are readable from the image history and config. Use RUN --mount=type=secret or set it at run time.',
      builder:
        "{{keyword}} {{name}} passes a credential through the build: build args are kept in this stage's history, the build cache and provenance attestations. Use RUN --mount=type=secret.",
    },
  },
  check(model) {
    const out = [];
    // Every stage, as Docker's own SecretsUsedInArgOrEnv check: a builder's build args persist
    // in its history, the build cache and provenance; the shipped image's also in what ships.
    for (const stage of model.stages) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
        for (const p of envProperties(instr.node, model.lines)) {
          const value = instr.keyword === 'ARG' && !instr.argsText.includes('=') ? undefined : p.value;
          if (!credentialVariable(p.name, value, instr.keyword)) continue;
          // `ENV X=` clears the variable; `ENV X=$X` still bakes the build arg's value into the config.
          if (instr.keyword === 'ENV' && p.value === '') continue;
          out.push(
            report(
              model,
              p.nameStart,
              p.nameStart + p.name.length,
              stage.ships ? 'variable' : 'builder',
              { keyword: instr.keyword, name: p.name },
              {
                severity: stageSeverity(stage, 'high', 'medium'),
                // Trivy DS031 reads its own variable list, in the shipped image.
                ...(isSecretVariable(p.name) && stage.ships ? {} : { aliases: [] }),
              },
            ),
          );
        }
      }
    }
    return out;
  },
});

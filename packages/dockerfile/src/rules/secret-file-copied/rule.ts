import { defineRule } from '@shipshape/core';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

const SECRET_FILE: [RegExp, string][] = [
  [/(^|\/)\.env(\.(?!example|sample|template|dist|defaults?|tmpl|tpl)[\w-]+)?$/i, 'an environment file'],
  [/(^|\/)id_(rsa|dsa|ecdsa|ed25519)$/i, 'an SSH private key'],
  [/\.(key|p12|pfx|jks|keystore)$/i, 'a private key or keystore'],
  [/(key|priv|secret|(^|\/)id_)[^/]*\.pem$/i, 'a private key'],
  [/(^|\/)\.npmrc$/i, 'an .npmrc (registry tokens)'],
  [/(^|\/)\.pypirc$/i, 'a .pypirc (index credentials)'],
  [/(^|\/)\.netrc$/i, 'a .netrc (login credentials)'],
  [/(^|\/)\.git-credentials$/i, 'git credentials'],
  [/(^|\/)(\.kube\/config|kubeconfig(\.ya?ml)?)$/i, 'a kubeconfig'],
  [/(^|\/)\.aws\/(credentials|config)$/i, 'AWS credentials'],
  [/(^|\/)\.docker\/config\.json$/i, 'Docker registry credentials'],
  [/(^|\/)(credentials|service[-_]?account[\w-]*|gcp[-_]key|client_secret[\w-]*)\.json$/i, 'cloud credentials'],
  [/(^|\/)\.htpasswd$/i, 'an htpasswd file'],
];

/** What kind of secret a copied path looks like, if any. */
export function secretFileKind(path: string): string | undefined {
  const clean = path.replace(/\/+$/, '');
  if (/\.(pub|crt|cert)$/i.test(clean) || /public/i.test(clean)) return undefined;
  for (const [re, kind] of SECRET_FILE) if (re.test(clean)) return kind;
  return undefined;
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/secret-file-copied',
    title: 'Secret file copied into the shipped image',
    severity: 'high',
    aliases: [],
    tags: ['secret', 'cwe-538', 'cis-docker-4.10'],
    messages: {
      copied:
        '{{keyword}} puts "{{source}}" ({{kind}}) into a shipped image layer; mount it with RUN --mount=type=secret instead.',
    },
  },
  check(model) {
    const out = [];
    for (const stage of model.shippedStages()) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
        if (instr.flags.some((f) => f.name === 'from')) continue;
        const sources = instr.args.slice(0, -1);
        for (const src of sources) {
          const value = src.value.replace(/^["']|["']$/g, '');
          if (value.startsWith('<<') || /^(https?|git):/.test(value)) continue;
          const kind = secretFileKind(value);
          if (kind)
            out.push(report(model, src.start, src.end, 'copied', { keyword: instr.keyword, source: value, kind }));
        }
      }
    }
    return out;
  },
});

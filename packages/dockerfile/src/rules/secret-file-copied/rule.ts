import { defineRule } from '@shipshape/core';
import { copyParts } from '../../model/model.js';
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

/** A context-relative path from a COPY source (`./.npmrc` -> `.npmrc`). */
function contextPath(source: string): string {
  return source.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/**
 * An .npmrc read from the build context that holds settings only (`engine-strict=true`,
 * `registry=...`): no `_authToken`, `_auth`, `_password` or `username`. Unknown content counts as
 * a possible credential.
 */
function npmrcHasNoCredential(text: string | undefined): boolean {
  if (text === undefined) return false;
  return !/(^|[\s:])(_authToken|_auth|_password|username|password|certfile|keyfile)\s*=/im.test(text);
}

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
        // Heredoc bodies are file content, not paths; JSON form is decoded.
        for (const src of copyParts(model, instr).sources) {
          const value = src.value.replace(/^["']|["']$/g, '');
          if (value.startsWith('<<') || /^(https?|git):/.test(value)) continue;
          const kind = secretFileKind(value);
          if (
            kind &&
            /\.npmrc$/i.test(value) &&
            npmrcHasNoCredential(model.settings.context?.file?.(contextPath(value)))
          )
            continue;
          if (kind)
            out.push(report(model, src.start, src.end, 'copied', { keyword: instr.keyword, source: value, kind }));
        }
      }
    }
    return out;
  },
});

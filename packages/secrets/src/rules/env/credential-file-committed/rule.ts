import { defineRule, FILE_RANGE, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import type { RepoInput } from '../../repo.js';

/** A file that holds credentials by its nature (private key, kubeconfig, .npmrc token, .pypirc, .netrc, cloud key JSON, docker config). */
export const rule = defineRule<RepoInput>({
  meta: {
    id: 'env/credential-file-committed',
    title: 'Credential file committed',
    severity: 'high',
    docs: DOCS['env/credential-file-committed'],
    aliases: [],
    tags: ['secret', 'cwe-538', 'cwe-798'],
    messages: { committed: '`{{path}}` is a committed credential file ({{reason}}).' },
  },
  check(input) {
    const out: Report[] = [];
    const byPath = new Map(input.files.map((f) => [f.path, f] as const));
    for (const c of input.credentialFiles) {
      const f = byPath.get(c.path);
      if (f && f.tracked === false) continue;
      // A private key or token already reported on that line is the finding; one per secret.
      if (input.tokenLines.get(c.path)?.has(c.line)) continue;
      out.push({
        messageId: 'committed',
        data: { path: c.path, reason: c.reason },
        range: c.line > 1 ? { startLine: c.line, startColumn: 1, endLine: c.line, endColumn: 1 } : FILE_RANGE,
        fileLevel: true,
        ...(c.severity !== undefined ? { severity: c.severity } : {}),
        properties: { file: c.path },
        fix: `Remove ${c.path} from the repository (and its history), rotate the credential and load it at run time instead.`,
      });
    }
    return out;
  },
});

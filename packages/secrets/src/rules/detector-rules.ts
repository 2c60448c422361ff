/** One rule per provider token detector: `secrets/<detector-id>`, aliases from the detector. */
import { defineRule, type Report, type Rule } from '@shipshape/core';
import { DETECTORS, type Detector } from '../tokens.js';
import { contextSeverity, type FileInput, secretReport } from './shared.js';

function detectorDocs(d: Detector): string {
  const aliases = d.aliases.length > 0 ? d.aliases.map((a) => `\`${a}\``).join(', ') : 'none';
  return [
    `# secrets/${d.id}`,
    '',
    '## What it flags',
    '',
    `${d.title}. ${d.description}`,
    '',
    '## Why it matters',
    '',
    'A committed token stays readable in every clone and in git history; anyone who finds it can act with its permissions until it is revoked.',
    '',
    '## Example',
    '',
    'A literal token assigned in code or configuration (see the detector samples in the package source).',
    '',
    '## Fix',
    '',
    'Revoke and rotate the token at the provider, remove it from the file (and history), and load it at run time from the environment or a secret manager.',
    '',
    '## Options',
    '',
    'None. Allow-list a known test value by fingerprint, path or regex under `secrets.allow`.',
    '',
    '## References',
    '',
    `Peer rule ids: ${aliases}. CWE-798: Use of Hard-coded Credentials.`,
    '',
  ].join('\n');
}

/**
 * Whether a JWT is a Kubernetes service-account token (`iss: kubernetes/serviceaccount`, or the
 * `kubernetes.io` claims of bound tokens): it authenticates to the API server as that account.
 */
export function isServiceAccountJwt(token: string): boolean {
  const part = token.split('.')[1];
  if (part === undefined) return false;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    return (
      claims.iss === 'kubernetes/serviceaccount' ||
      'kubernetes.io' in claims ||
      Object.keys(claims).some((k) => k.startsWith('kubernetes.io/serviceaccount/'))
    );
  } catch {
    return false;
  }
}

function detectorRule(d: Detector): Rule<FileInput> {
  return defineRule<FileInput>({
    meta: {
      id: `secrets/${d.id}`,
      title: d.title,
      severity: d.severity,
      docs: detectorDocs(d),
      aliases: [...d.aliases],
      tags: ['secret', 'cwe-798', ...(d.tags ?? [])],
      messages: {
        token: '{{title}} found ({{redacted}}).',
        serviceAccount:
          'Kubernetes service-account token found ({{redacted}}); it authenticates to the cluster API as that account until the account or token is deleted.',
      },
    },
    check(input) {
      const out: Report[] = [];
      for (const t of input.tokens) {
        if (t.detectorId !== d.id) continue;
        if (d.id === 'jwt' && isServiceAccountJwt(t.secret)) {
          // Test, CI (dummy kind/minikube configs) and dev inputs hold throwaway cluster tokens.
          const throwaway =
            input.role.test ||
            input.role.context === 'ci' ||
            input.role.context === 'dev' ||
            // A kubeconfig whose only cluster is local (kind, minikube, a port-forward).
            (/^\s*server:/m.test(input.text) &&
              !/^\s*server:\s*["']?https?:\/\/(?!(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|kubernetes\.docker\.internal)[:/"'\s])/m.test(
                input.text,
              ));
          const report = secretReport(input, {
            messageId: 'serviceAccount',
            start: t.start,
            end: t.end,
            secret: t.secret,
            severity: throwaway ? 'low' : 'critical',
            fix: 'Delete the service account token (or the account), remove the kubeconfig from the repository and its history, and use short-lived tokens (`kubectl create token`) or workload identity.',
          });
          report.data = { redacted: report.secret?.redacted ?? '' };
          out.push(report);
          continue;
        }
        const report = secretReport(input, {
          messageId: 'token',
          start: t.start,
          end: t.end,
          secret: t.secret,
          // A token whose checksum holds is live whoever committed it, test file or not.
          severity: t.checksum === 'valid' ? t.severity : contextSeverity(input, t.severity),
          fix: 'Revoke the token at the provider, then remove it and load it from a secret store at run time.',
        });
        report.data = { title: d.title, redacted: report.secret?.redacted ?? '' };
        out.push(report);
      }
      return out;
    },
  });
}

/** Detector rules keyed by detector id. */
export const DETECTOR_RULES: ReadonlyMap<string, Rule<FileInput>> = new Map(
  DETECTORS.map((d) => [d.id, detectorRule(d)]),
);

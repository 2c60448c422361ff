import { defineRule } from '@shipshape/core';
import type { ShellCommand } from '../../model/shell.js';
import { isInterpreter } from '../download-piped-to-shell/rule.js';
import type { DockerRule } from '../util.js';
import { isDownload, report, runsOf } from '../util.js';

const VERIFIERS =
  /^(sha(1|224|256|384|512)sum|shasum|md5sum|b2sum|cksum|gpg|gpg2|gpgv|cosign|minisign|signify|sigstore|slsa-verifier|rpm|openssl)$/;

function verifies(cmd: ShellCommand): boolean {
  if (!VERIFIERS.test(cmd.name)) return false;
  if (cmd.name === 'gpg' || cmd.name === 'gpg2')
    return cmd.args.some(
      (a) => a.value === '--verify' || (a.value === '--batch' && cmd.args.some((b) => b.value === '--verify')),
    );
  if (cmd.name === 'rpm') return cmd.args.some((a) => a.value === '-K' || a.value === '--checksig');
  // `openssl dgst -sha512 f` or the digest shorthands `openssl sha512 f`
  if (cmd.name === 'openssl') return cmd.args.some((a) => /^(dgst|sha(1|224|256|384|512)|sha3-\d+|md5)$/.test(a.value));
  if (cmd.name === 'cosign') return cmd.args.some((a) => a.value.startsWith('verify'));
  return true;
}

/** Commands that execute, unpack or install what was downloaded. */
function uses(cmd: ShellCommand): boolean {
  const n = cmd.name;
  if (n === 'tar' || n === 'unzip' || n === 'gunzip' || n === 'bunzip2' || n === 'unxz' || n === '7z' || n === 'zstd')
    return true;
  if (n === 'dpkg' && cmd.args.some((a) => a.value === '-i' || a.value === '--install')) return true;
  if (n === 'rpm' && cmd.args.some((a) => /^-[a-zA-Z]*[iU]/.test(a.value))) return true;
  if (
    (n === 'apt-get' || n === 'apt' || n === 'yum' || n === 'dnf') &&
    cmd.args.some((a) => /\.(deb|rpm)$/.test(a.value))
  )
    return true;
  if (n === 'install' && cmd.args.length > 0) return true;
  if (n === 'chmod' && cmd.args.some((a) => /\+x|^[0-7]*[1357][0-7]{0,2}$/.test(a.value))) return true;
  if (isInterpreter(cmd) && cmd.args.some((a) => !a.value.startsWith('-'))) return true;
  if (n.startsWith('./') || /^\/tmp\//.test(cmd.argv[0]?.value ?? '')) return true;
  return false;
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/download-without-verification',
    title: 'Download used without a checksum or signature check',
    severity: 'medium',
    aliases: [],
    tags: ['supply-chain', 'cwe-494'],
    messages: {
      unverified:
        'RUN downloads with {{downloader}} and then {{action}} it without verifying a checksum or signature in the same step.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      const cmds = run.commands;
      if (cmds.some(verifies)) continue;
      const download = cmds.find((c) => isDownload(c) && !c.inSubstitution);
      if (!download) continue;
      // Piping into an interpreter is download-piped-to-shell's finding.
      const pipedTo = download.pipeline
        ? cmds.filter((c) => c.pipeline?.id === download.pipeline?.id && c !== download)
        : [];
      if (pipedTo.some(isInterpreter)) continue;
      const user = cmds.find((c) => c.order > download.order && uses(c));
      if (!user) continue;
      const action =
        user.name === 'tar' || user.name === 'unzip'
          ? 'extracts'
          : user.name === 'chmod'
            ? 'makes executable'
            : user.name === 'dpkg' || user.name === 'rpm'
              ? 'installs'
              : 'runs';
      out.push(report(model, download.start, download.end, 'unverified', { downloader: download.name, action }));
    }
    return out;
  },
});

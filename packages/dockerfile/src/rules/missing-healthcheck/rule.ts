import { defineRule } from '@shipshape/core';
import type { DockerfileModel, Stage } from '../../model/model.js';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

const ONE_SHOT =
  /^(sh|bash|ash|zsh|kubectl|helm|terraform|tofu|aws|gcloud|az|jq|yq|git|curl|wget|make|echo|true|cat|ls|env|nvidia-smi|ansible(-playbook)?|packer|trivy|cosign|crane|skopeo|psql|mysql|redis-cli|mongosh|pytest|npm test|go test)$/;

const WRAPPER = /^\s*(\[\s*")?[^\s",]*(entrypoint[\w.-]*|tini|dumb-init|catatonit)"?\s*(,\s*"--"\s*)?\]?\s*$/i;

const REPL =
  /^(python[\d.]*|pypy[\d.]*|node|nodejs|deno|bun|irb|ruby|php|perl|julia|R|ghci|iex|erl|jshell|groovysh|scala|lua[\d.]*|powershell(\.exe)?|pwsh(\.exe)?|cmd(\.exe)?|fish|dash|tclsh)$/;

function argvOf(commandText: string): string[] {
  const text = commandText.trim();
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: Docker runs it through the shell, split on blanks
    }
  }
  return text.split(/\s+/).filter((w) => w !== '');
}

/** Whether the image's command is a CLI tool run once rather than a service. */
export function isOneShot(commandText: string, cmdText?: string): boolean {
  // ENTRYPOINT ["python"] + CMD ["manage.py", "runserver"] runs the two together.
  const argv = [...argvOf(commandText), ...(cmdText !== undefined ? argvOf(cmdText) : [])];
  const program = (argv[0] ?? '').split('/').pop() ?? '';
  // `CMD ["-h"]` / `["--help"]` behind an entrypoint script: a CLI tool that prints its usage.
  if (argv.length > 0 && argv.every((a) => a.startsWith('-'))) return true;
  // A bare interpreter or shell (`CMD ["python3"]`, `CMD ["node"]`, `["pwsh", "-NoLogo"]`) is a REPL for
  // `docker run -it`: a base image, not a service.
  if (REPL.test(program) && argv.slice(1).every((a) => a.startsWith('-'))) return true;
  return ONE_SHOT.test(program) || ONE_SHOT.test(`${program} ${argv[1] ?? ''}`);
}

/**
 * Whether a target runs a long-lived service: it EXPOSEs a port, or its command (CMD behind an
 * entrypoint wrapper, else ENTRYPOINT, else CMD) is neither a one-shot tool nor a bare REPL/shell.
 * A target with no command at all is a base image.
 */
export function runsService(model: DockerfileModel, target: Stage): boolean {
  const instrs = model.chain(target).flatMap((s) => s.instructions);
  if (instrs.some((i) => i.keyword === 'EXPOSE')) return true;
  const entrypoint = [...instrs].reverse().find((i) => i.keyword === 'ENTRYPOINT');
  const cmd = [...instrs].reverse().find((i) => i.keyword === 'CMD');
  // An init or entrypoint wrapper (`docker-entrypoint.sh`, tini) runs whatever CMD says.
  const wrapper = entrypoint !== undefined && WRAPPER.test(entrypoint.argsText);
  const command = wrapper && cmd ? cmd : (entrypoint ?? cmd);
  const extra =
    entrypoint && command === entrypoint && cmd && entrypoint.argsText.trim().startsWith('[')
      ? cmd.argsText
      : undefined;
  return command !== undefined && !isOneShot(command.argsText, extra);
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/missing-healthcheck',
    title: 'Long-running shipped image has no HEALTHCHECK',
    severity: 'low',
    aliases: ['DL3057', ...trivy(26), 'CKV_DOCKER_2'],
    tags: ['availability', 'cis-docker-4.6'],
    messages: {
      missing:
        'The shipped {{stage}} runs a long-lived process but defines no HEALTHCHECK, so Docker cannot tell a hung service from a healthy one.',
    },
  },
  check(model) {
    const out = [];
    for (const target of model.targetStages()) {
      const chain = model.chain(target);
      const instrs = chain.flatMap((s) => s.instructions);
      if (instrs.some((i) => i.keyword === 'HEALTHCHECK')) continue;
      // One-shot images (a CLI tool, a base image, a job with no command of its own) need none.
      if (!runsService(model, target)) continue;
      const base = model.baseOf(target);
      if (base.image.scratch && !instrs.some((i) => i.keyword === 'EXPOSE')) continue;
      const line = model.lines.line(target.from.line);
      out.push(
        report(model, target.from.start, target.from.start + line.length, 'missing', {
          stage: target.name ? `stage "${target.name}"` : 'image',
        }),
      );
    }
    return out;
  },
});

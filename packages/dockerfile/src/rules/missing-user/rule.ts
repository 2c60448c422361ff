import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import { runsService } from '../missing-healthcheck/rule.js';
import type { DockerRule } from '../util.js';
import { isWindowsStage, report } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/missing-user',
    title: 'Shipped image never switches to a non-root user',
    severity: 'high',
    aliases: ['CKV_DOCKER_3', ...trivy(2)],
    tags: ['least-privilege', 'cis-docker-4.1', 'cwe-250'],
    messages: {
      missing: 'The shipped {{stage}} has no USER instruction and its base "{{image}}" runs as root by default.',
      windows:
        'The shipped {{stage}} has no USER instruction, so it runs as ContainerAdministrator, the default of its Windows base "{{image}}".',
      stepsDown:
        'The shipped {{stage}} has no USER instruction: it starts as root and relies on its entrypoint to step down with gosu/su-exec; a USER instruction (or a non-root base) makes that a guarantee.',
      unknownBase:
        'The shipped {{stage}} has no USER instruction, so it runs as whatever user its base "{{image}}" sets (root unless that image says otherwise).',
    },
  },
  check(model) {
    const out = [];
    for (const target of model.targetStages()) {
      const chain = model.chain(target);
      // A collect-only `FROM scratch` stage is exported with --output, never run.
      if (target.exportOnly) continue;
      if (chain.some((s) => s.instructions.some((i) => i.keyword === 'USER'))) continue;
      const base = model.baseOf(target);
      if (base.knowledge.nonRoot) continue;
      if (isWindowsStage(model, target)) {
        // nanoserver runs as ContainerUser; servercore and windows as ContainerAdministrator.
        if (/nanoserver/i.test(base.image.raw) || base.image.unresolved) continue;
        out.push(
          report(
            model,
            target.from.start,
            target.from.start + model.lines.line(target.from.line).length,
            'windows',
            { stage: target.name ? `stage "${target.name}"` : 'image', image: base.image.raw },
            { aliases: [], ...(runsService(model, target) ? {} : { severity: 'medium' as const }) },
          ),
        );
        continue;
      }
      // The official-image pattern: gosu/su-exec installed, an entrypoint script steps down to the
      // service user before exec. The container starts as root, the service does not run as root.
      const stepsDown =
        chain.some((s) =>
          s.instructions.some(
            (i) => (i.keyword === 'RUN' || i.keyword === 'COPY') && /\b(gosu|su-exec)\b/.test(i.argsText),
          ),
        ) && chain.some((s) => s.instructions.some((i) => i.keyword === 'ENTRYPOINT'));
      out.push(
        report(
          model,
          target.from.start,
          target.from.start + model.lines.line(target.from.line).length,
          stepsDown ? 'stepsDown' : base.image.unresolved ? 'unknownBase' : 'missing',
          {
            stage: target.name ? `stage "${target.name}"` : 'image',
            image: base.image.raw,
          },
          // A base image (`CMD ["python3"]`, no command) or a one-shot tool is run by someone who
          // adds USER or runs it once; a service started as root is the finding that matters.
          base.image.unresolved || stepsDown || !runsService(model, target) ? { severity: 'medium' } : {},
        ),
      );
    }
    return out;
  },
});

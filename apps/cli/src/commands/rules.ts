import { collectRules, UsageError } from '@shipshape/core';
import type { Command } from 'commander';
import { loadAnalyzers } from '../analyzers.js';
import type { CommandContext } from '../context.js';

/** `shipshape rules [id]`: the rule list, or one rule's documentation by id or peer alias. */
export function registerRulesCommand(program: Command, { io }: CommandContext): void {
  program
    .command('rules')
    .description("list every rule, or show one rule's documentation")
    .argument('[id]', 'rule id or a peer alias (DL3008, DS002, CKV_DOCKER_3, a gitleaks id)')
    .option('--json', 'machine-readable output')
    .action(async (id: string | undefined, flags: { json?: boolean }) => {
      // vulns runs only with a database, but its rules are listed like every other.
      const analyzers = [...(await loadAnalyzers()), (await import('@shipshape/vulns')).createVulnsAnalyzer()];
      const rules = Object.values(collectRules(analyzers)).sort((a, b) => a.id.localeCompare(b.id));
      if (!id) {
        if (flags.json) {
          io.stdout.write(
            `${JSON.stringify(
              rules.map(({ docs: _docs, ...meta }) => meta),
              null,
              2,
            )}\n`,
          );
          return;
        }
        const width = Math.max(...rules.map((r) => r.id.length));
        for (const r of rules) {
          const aliases = r.aliases.length ? `  [${r.aliases.join(', ')}]` : '';
          const off = r.disabledByDefault ? ' (off by default)' : '';
          io.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.title}${off}${aliases}\n`);
        }
        io.stdout.write(`\n${rules.length} rules. \`shipshape rules <id>\` shows one rule's documentation.\n`);
        return;
      }
      const wantedId = id.toLowerCase();
      const matches = rules.filter(
        (r) => r.id.toLowerCase() === wantedId || r.aliases.some((a) => a.toLowerCase() === wantedId),
      );
      if (matches.length === 0) throw new UsageError(`unknown rule: ${id} (see \`shipshape rules\`)`);
      for (const r of matches) {
        if (flags.json) {
          io.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
          continue;
        }
        io.stdout.write(`${r.id} — ${r.title}\n`);
        io.stdout.write(`severity: ${r.severity}${r.disabledByDefault ? ' (off by default)' : ''}\n`);
        if (r.aliases.length) io.stdout.write(`aliases: ${r.aliases.join(', ')}\n`);
        if (r.tags.length) io.stdout.write(`tags: ${r.tags.join(', ')}\n`);
        io.stdout.write(`\n${r.docs ?? '(no documentation)'}\n`);
      }
    });
}

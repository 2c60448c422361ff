// Embeds src/rules/*/rule.md into src/rules/docs.ts (see scripts/embed-rule-docs.mjs at the root).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embedRuleDocs, renderRuleDocs } from '../../../scripts/embed-rule-docs.mjs';

const rulesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'rules');

export const renderDocs = () => renderRuleDocs(rulesDir, 'sbom');

if (process.argv[1] === fileURLToPath(import.meta.url)) embedRuleDocs(rulesDir, 'sbom');

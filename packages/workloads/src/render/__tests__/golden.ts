import { join } from 'node:path';
import { renderChart } from '../engine.js';

/** The reference program's API list (see README: how the golden files were produced). */
export const GOLDEN_API_VERSIONS = ['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'policy/v1'];

/** Renders a golden case the way the reference program prints it. */
export function renderGolden(dir: string): { text: string; notes: string[] } {
  const result = renderChart(dir, { apiVersions: GOLDEN_API_VERSIONS, kubeVersion: 'v1.31.0' });
  const failed = new Set(result.notifications.filter((n) => n.code !== 'approximated').map((n) => n.file));
  const names = new Map(result.templates.map((t) => [t.path, t]));
  const all = result.chart.templates
    .map((t) => t.name)
    .filter((n) => {
      const base = n.slice(n.lastIndexOf('/') + 1);
      return !base.startsWith('_') && base !== 'NOTES.txt';
    })
    .sort();
  let text = '';
  for (const n of all) {
    const t = names.get(n);
    const name = `${result.chart.name}/${n}`;
    text += t && !failed.has(n) ? `# Source: ${name}\n${t.text}\n` : `# Source: ${name}\nERROR\n`;
  }
  return { text, notes: result.notifications.map((n) => n.message) };
}

export const GOLDEN_DIR = join(import.meta.dirname, 'golden');

export { type LoadedChart, loadChart, loadChartArchive } from './chart.js';
export { goJson, helmToYaml } from './encode.js';
export {
  DEFAULT_API_VERSIONS,
  DEFAULT_KUBE_VERSION,
  HELM_VERSION,
  parseSet,
  type RenderedTemplate,
  type RenderNotification,
  type RenderOptions,
  type RenderResult,
  renderChart,
  renderChartFiles,
  renderLoadedChart,
  type ValueOrigin,
  type ValuesFile,
  type ValuesScope,
} from './engine.js';
export type { Origin } from './exec.js';
export { parseTemplate, TemplateError } from './parse.js';

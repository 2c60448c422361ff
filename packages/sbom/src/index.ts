export type * from './model.js';
export {
  collectProjects,
  detectProjects,
  generateSbom,
  generateSbomObjects,
  type DetectedProject,
  type SbomDocument,
  type SbomFormat,
  type SbomObjectDocument,
  type SbomObjectResult,
  type SbomOptions,
  type SbomResult,
} from './generate.js';
export { selectSbomInputs, inputRole } from './projects.js';
export { assembleGraph, type SbomComponent, type SbomGraph } from './graph.js';
export { cycloneDxDocument, writeCycloneDx, type CycloneDxOptions, type CycloneDxSpec } from './writers/cyclonedx.js';
export { spdxDocument, writeSpdx, type SpdxOptions } from './writers/spdx.js';
export { resolveTimestamp } from './writers/common.js';
export type { EcosystemCollectors } from './collectors/ecosystems.js';
export {
  collectHelmProject,
  parseChartLock,
  parseChartYaml,
  type HelmChart,
  type HelmDependency,
  type HelmLock,
} from './collectors/helm/index.js';
export {
  collectContainerProject,
  composeImages,
  dockerfileImages,
  helmValuesImages,
  imagePurl,
  parseImageRef,
  readDockerfileStages,
  type ImageOccurrence,
  type ImageRef,
} from './collectors/container/index.js';

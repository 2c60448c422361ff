export { sbomAnalyzer } from './analyzer.js';
export type { AuditInput, SbomRule } from './audit/input.js';
export { type RequirementEntry, type RequirementsFile, readRequirements } from './audit/requirements.js';
export { type AuditOptions, auditFiles } from './audit/run.js';
export {
  collectContainerProject,
  composeImages,
  dockerfileImages,
  helmValuesImages,
  type ImageOccurrence,
  type ImageRef,
  imagePurl,
  parseImageRef,
  readDockerfileStages,
} from './collectors/container/index.js';
export type { EcosystemCollectors } from './collectors/ecosystems.js';
export {
  collectHelmProject,
  type HelmChart,
  type HelmDependency,
  type HelmLock,
  parseChartLock,
  parseChartYaml,
} from './collectors/helm/index.js';
export {
  collectProjects,
  coverageOf,
  coverageSummary,
  type DetectedProject,
  detectProjects,
  generateSbom,
  generateSbomObjects,
  type SbomDocument,
  type SbomFormat,
  type SbomObjectDocument,
  type SbomObjectResult,
  type SbomOptions,
  type SbomResult,
} from './generate.js';
export { assembleGraph, type Coverage, type SbomComponent, type SbomGraph } from './graph.js';
export { readSbomInputs } from './inputs.js';
export type * from './model.js';
export { inputRole, selectSbomInputs } from './projects.js';
export { rules, sbomRules } from './rules/index.js';
export { resolveTimestamp } from './writers/common.js';
export {
  type CycloneDxOptions,
  type CycloneDxSpec,
  cycloneDxDocument,
  renderCycloneDx,
  writeCycloneDx,
} from './writers/cyclonedx.js';
export { renderSpdx, type SpdxOptions, spdxDocument, writeSpdx } from './writers/spdx.js';

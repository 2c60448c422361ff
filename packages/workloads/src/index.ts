export { readWorkloadsConfig, rootCharts, type WorkloadsSettings, workloadsAnalyzer } from './analyzer.js';
export { lintCompose, lintManifest, lintObjects, type TextOf } from './lint.js';
export { type K8sObject, objectsFromManifest, objectsFromRendered, type Place } from './model/objects.js';
export { type ContainerRef, type PodContext, podOf } from './model/pod.js';
export * from './render/index.js';
export { COMPOSE_RULES, K8S_RULES, RULES } from './rules/index.js';
export type { ComposeRule, K8sRule, WorkloadReport, WorkloadRule } from './rules/shared.js';

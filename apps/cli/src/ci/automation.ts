/**
 * SARIF `runs[].automationDetails` for the CI service the scan runs in. GitHub code scanning takes
 * the default (`shipshape/<analyzers>/`, a category per analyzer set); GitHub Advanced Security for
 * Azure DevOps requires an id of the form
 * `azuredevops/pipeline/build/<org>/<project>/<definition id>/<phase id>/<branch>/<build id>` and
 * the build definition and phase in `properties`, all of which Azure Pipelines sets as variables.
 */
export function automationDetails(
  env: NodeJS.ProcessEnv,
): { id: string; properties: Record<string, string> } | undefined {
  if ((env.TF_BUILD ?? '').toLowerCase() !== 'true') return undefined;
  const org =
    (env.SYSTEM_COLLECTIONURI ?? '')
      .replace(/\/+$/, '')
      .split('/')
      .pop()
      ?.replace(/\.visualstudio\.com$/, '') || 'unknown';
  const part = (value: string | undefined) => encodeURIComponent(value || 'unknown');
  const definitionId = env.SYSTEM_DEFINITIONID ?? '';
  const phaseId = env.SYSTEM_PHASEID ?? '';
  const id = [
    'azuredevops/pipeline/build',
    part(org),
    part(env.SYSTEM_TEAMPROJECT),
    part(definitionId),
    part(phaseId),
    part(env.BUILD_SOURCEBRANCH),
    part(env.BUILD_BUILDID),
  ].join('/');
  return {
    id,
    properties: {
      'azuredevops/pipeline/build/buildDefinitionId': definitionId || 'unknown',
      'azuredevops/pipeline/build/buildDefinitionName': env.BUILD_DEFINITIONNAME || 'unknown',
      'azuredevops/pipeline/build/phaseId': phaseId || 'unknown',
      'azuredevops/pipeline/build/phaseName': env.SYSTEM_PHASENAME || 'unknown',
    },
  };
}

import type { Notification } from '@shipshape/core';
import type { CollectedPackage, CollectedProject, SourceFile } from '../../model.js';
import { canonicalImage, digestHash, imageDisplayName, imagePurl } from './image-ref.js';
import { composeImages, dockerfileImages, type ImageOccurrence, parseDotEnv } from './occurrences.js';

export { type BaseImage, type DockerfileStages, readDockerfileStages } from './dockerfile.js';
export { canonicalImage, digestHash, type ImageRef, imageDisplayName, imagePurl, parseImageRef } from './image-ref.js';
export {
  composeImages,
  dockerfileImages,
  helmValuesImages,
  type ImageOccurrence,
  parseDotEnv,
} from './occurrences.js';

/** Turns image occurrences into packages, one per distinct reference (first occurrence is the evidence). */
export function imagePackages(
  occurrences: readonly ImageOccurrence[],
  notifications: Notification[],
): CollectedPackage[] {
  const byKey = new Map<string, CollectedPackage>();
  for (const occ of occurrences) {
    if (!occ.ref) {
      notifications.push({
        level: 'info',
        code: 'image-unresolved',
        message: `${occ.file}:${occ.line}: image "${occ.written}" uses variables or templates without defaults; it is left out of the SBOM.`,
        file: occ.file,
      });
      continue;
    }
    const key = `image:${canonicalImage(occ.ref)}`;
    const existing = byKey.get(key);
    if (existing) {
      const seen = existing.properties?.['shipshape:occurrences'] ?? '';
      if (existing.properties) existing.properties['shipshape:occurrences'] = `${seen}, ${occ.file}:${occ.line}`;
      continue;
    }
    const ref = occ.ref;
    const properties: Record<string, string> = {
      'shipshape:image-source': occ.source,
      'shipshape:image-reference': canonicalImage(ref),
      'shipshape:occurrences': `${occ.file}:${occ.line}`,
    };
    if (occ.context) properties['shipshape:image-context'] = occ.context;
    if (occ.use) properties['shipshape:image-use'] = occ.use;
    if (occ.platform) properties['shipshape:platform'] = occ.platform;
    const pkg: CollectedPackage = {
      key,
      ecosystem: ref.digest ? 'oci' : 'docker',
      name: imageDisplayName(ref),
      purl: imagePurl(ref),
      hashes: digestHash(ref),
      licenses: [],
      scope: 'required',
      direct: true,
      dependsOn: [],
      sourceFile: occ.file,
      resolved: canonicalImage(ref),
      properties,
      componentType: 'container',
    };
    // Tag for people, digest in the purl and hashes; an untagged, undigested reference means `latest`.
    pkg.version = ref.tag ?? ref.digest ?? 'latest';
    byKey.set(key, pkg);
  }
  return [...byKey.values()];
}

/**
 * Container images of one directory: Dockerfile stages and compose services. Helm values images
 * belong to the chart project (see the helm collector).
 */
export function collectContainerProject({
  dir,
  files,
}: {
  dir: string;
  files: readonly SourceFile[];
}): CollectedProject {
  const notifications: Notification[] = [];
  const occurrences: ImageOccurrence[] = [];
  const read: string[] = [];
  // Compose reads the `.env` of the project directory for `${VAR}` values.
  const dotEnv = files.find((f) => f.path === (dir === '' ? '.env' : `${dir}/.env`));
  const env = dotEnv ? parseDotEnv(dotEnv.text) : new Map<string, string>();
  let envUsed = false;
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (file === dotEnv) continue;
    const base = file.path.slice(file.path.lastIndexOf('/') + 1).toLowerCase();
    try {
      if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(base)) {
        const found = composeImages(file.path, file.text, env);
        if (dotEnv && found.some((o) => /\$/.test(o.written))) envUsed = true;
        for (const o of found) occurrences.push(o);
      } else for (const o of dockerfileImages(file.path, file.text)) occurrences.push(o);
      read.push(file.path);
    } catch (error) {
      notifications.push({
        level: 'warning',
        code: 'parse-error',
        message: `${file.path}: ${(error as Error).message.split('\n')[0]}`,
        file: file.path,
      });
    }
  }
  if (dotEnv && envUsed) read.push(dotEnv.path);
  const packages = imagePackages(occurrences, notifications);
  const name = dir === '' ? 'images' : `${dir}`;
  return {
    name,
    type: 'container',
    dir,
    files: read,
    direct: packages.map((p) => p.key),
    packages,
    notifications,
  };
}

/** Pod specs inside workload objects, their containers, and pod-level securityContext inheritance. */
import { isMap } from '../render/values.js';
import type { K8sObject, Segment } from './objects.js';

export type Obj = Record<string, unknown>;

export interface ContainerRef {
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  group: 'containers' | 'initContainers' | 'ephemeralContainers';
  index: number;
  name: string;
  spec: Obj;
  /** Path of the container inside the object. */
  path: Segment[];
}

export interface PodContext {
  object: K8sObject;
  spec: Obj;
  /** Path of the pod spec inside the object. */
  specPath: Segment[];
  /** Pod metadata (annotations), when the workload has a pod template. */
  metadata: Obj;
  metadataPath: Segment[];
  containers: ContainerRef[];
  /** `spec.os.name: windows`: the Linux-only controls (seccomp, capabilities, privilege escalation) do not apply. */
  windows: boolean;
}

export const WORKLOAD_KINDS = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'DeploymentConfig',
]);

export function obj(v: unknown): Obj {
  return isMap(v) ? v : {};
}

/** The pod spec of a workload object, when it has one. */
export function podOf(o: K8sObject): PodContext | undefined {
  if (!WORKLOAD_KINDS.has(o.kind)) return undefined;
  let specPath: Segment[];
  let metadataPath: Segment[];
  if (o.kind === 'Pod') {
    specPath = ['spec'];
    metadataPath = ['metadata'];
  } else if (o.kind === 'CronJob') {
    specPath = ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    metadataPath = ['spec', 'jobTemplate', 'spec', 'template', 'metadata'];
  } else {
    specPath = ['spec', 'template', 'spec'];
    metadataPath = ['spec', 'template', 'metadata'];
  }
  let spec: unknown = o.value;
  for (const p of specPath) spec = obj(spec)[String(p)];
  if (!isMap(spec)) return undefined;
  let metadata: unknown = o.value;
  for (const p of metadataPath) metadata = obj(metadata)[String(p)];
  const containers: ContainerRef[] = [];
  for (const group of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = spec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((c, index) => {
      if (!isMap(c)) return;
      containers.push({
        group,
        index,
        name: typeof c.name === 'string' ? c.name : `#${index}`,
        spec: c,
        path: [...specPath, group, index],
      });
    });
  }
  const windows = obj(spec.os).name === 'windows';
  return { object: o, spec, specPath, metadata: obj(metadata), metadataPath, containers, windows };
}

/** A container's securityContext field, falling back to the pod's where Kubernetes inherits it. */
export function effective(
  pod: PodContext,
  c: ContainerRef,
  field: string,
): { value: unknown; path: Segment[] } | undefined {
  const sc = obj(c.spec.securityContext);
  if (sc[field] !== undefined && sc[field] !== null)
    return { value: sc[field], path: [...c.path, 'securityContext', field] };
  const psc = obj(pod.spec.securityContext);
  if (psc[field] !== undefined && psc[field] !== null)
    return { value: psc[field], path: [...pod.specPath, 'securityContext', field] };
  return undefined;
}

/** A human name for the workload: `Deployment/web`. */
export function workloadName(o: K8sObject): string {
  return `${o.kind}/${o.name || '(unnamed)'}`;
}

export function containerLabel(c: ContainerRef): string {
  const kind =
    c.group === 'initContainers'
      ? 'init container'
      : c.group === 'ephemeralContainers'
        ? 'ephemeral container'
        : 'container';
  return `${kind} ${c.name}`;
}

/** `CAP_SYS_ADMIN`, `sys_admin` -> `SYS_ADMIN`. */
export function capabilityName(v: unknown): string {
  return String(v).toUpperCase().replace(/^CAP_/, '');
}

const SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
  '/var/run/podman/podman.sock',
  '/run/podman/podman.sock',
  '/var/run/dockershim.sock',
  '/run/k3s/containerd/containerd.sock',
];
const SOCKET_DIRS = [
  '/var/run',
  '/run',
  '/var/run/docker',
  '/var/run/containerd',
  '/run/containerd',
  '/var/run/crio',
  '/run/crio',
  '/run/k3s/containerd',
];

/** A host path that is (or is a directory holding) the container runtime's API socket. */
export function isRuntimeSocketPath(path: string): boolean {
  const p = path
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/{2,}/g, '/');
  return (
    SOCKETS.includes(p) || SOCKET_DIRS.includes(p) || /\/(docker|containerd|crio|podman|cri-dockerd)\.sock$/.test(p)
  );
}

/** Whether the pod or any of its containers sets a securityContext (even an empty one). */
export function hasAnySecurityContext(pod: PodContext): boolean {
  if (isMap(pod.spec.securityContext) && Object.keys(pod.spec.securityContext).length > 0) return true;
  return pod.containers.some((c) => isMap(c.spec.securityContext) && Object.keys(c.spec.securityContext).length > 0);
}

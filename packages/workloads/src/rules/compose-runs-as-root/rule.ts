import { defineComposeRule, type WorkloadReport } from '../shared.js';

/**
 * Images whose default user is root and whose entrypoint does not step down (unlike the official
 * database images, which start as root and switch to their own user through gosu). A service that
 * runs one of them without `user:` runs as root.
 */
const ROOT_BY_DEFAULT = new Set([
  'alpine',
  'amazoncorretto',
  'busybox',
  'centos',
  'debian',
  'eclipse-temurin',
  'fedora',
  'golang',
  'node',
  'openjdk',
  'php',
  'python',
  'ruby',
  'rust',
  'ubuntu',
]);

/** `docker.io/library/node:20-slim@sha256:...` -> `node`. */
function imageRepository(image: string): string {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) ref = ref.slice(0, colon);
  return ref.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

export const rule = defineComposeRule({
  meta: {
    id: 'compose/runs-as-root',
    title: 'Compose service is told to run as root',
    severity: 'medium',
    aliases: [],
    tags: ['compose'],
    messages: {
      root: 'service {{service}} sets user: {{user}} and runs as root',
      imageRoot: 'service {{service}} runs {{image}}, whose default user is root, and sets no user:',
    },
  },
  check({ services }) {
    const out: WorkloadReport[] = [];
    for (const s of services) {
      const u = s.spec.user;
      if (u === undefined || u === null) {
        // A service built here is judged through its Dockerfile (docker/missing-user).
        const image = s.spec.image;
        if (s.spec.build === undefined && typeof image === 'string' && ROOT_BY_DEFAULT.has(imageRepository(image)))
          out.push({
            messageId: 'imageRoot',
            data: { service: s.name, image },
            path: [...s.path, 'image'],
            severity: 'low',
            fix: 'Set `user:` to an unprivileged UID (the node image has user node, 1000).',
          });
        continue;
      }
      const user = String(u).trim();
      const name = user.split(':')[0];
      if (name === 'root' || name === '0')
        out.push({ messageId: 'root', data: { service: s.name, user }, path: [...s.path, 'user'] });
    }
    return out;
  },
});

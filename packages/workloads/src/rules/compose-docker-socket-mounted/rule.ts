import { volumeSources } from '../../model/compose.js';
import { isRuntimeSocketPath } from '../../model/pod.js';
import { defineComposeRule, type WorkloadReport } from '../shared.js';

export const rule = defineComposeRule({
  meta: {
    id: 'compose/docker-socket-mounted',
    title: 'Compose service mounts the Docker or containerd socket',
    severity: 'high',
    aliases: [],
    tags: ['compose', 'cwe-250'],
    messages: {
      socket: 'service {{service}} mounts {{source}}{{ro}}: whoever reaches the socket is root on the host',
    },
  },
  check({ services }) {
    const out: WorkloadReport[] = [];
    for (const s of services) {
      for (const v of volumeSources(s)) {
        if (!isRuntimeSocketPath(v.source) || v.source === '/run' || v.source === '/var/run') continue;
        out.push({
          messageId: 'socket',
          data: {
            service: s.name,
            source: v.source,
            ro: v.readOnly ? ' (read-only does not help: the API still accepts every call)' : '',
          },
          path: v.path,
        });
      }
    }
    return out;
  },
});

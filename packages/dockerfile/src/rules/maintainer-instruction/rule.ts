import { defineRule } from '@shipshape/core';
import { trivy } from '../../model/peers.js';
import type { DockerRule } from '../util.js';
import { reportInstr } from '../util.js';

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/maintainer-instruction',
    title: 'Deprecated MAINTAINER instruction',
    severity: 'info',
    aliases: ['DL4000', ...trivy(22), 'CKV_DOCKER_6'],
    tags: ['hygiene'],
    fixable: false,
    messages: { maintainer: 'MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors="..." instead.' },
  },
  check(model) {
    return model.instructions.filter((i) => i.keyword === 'MAINTAINER').map((i) => reportInstr(model, i, 'maintainer'));
  },
});

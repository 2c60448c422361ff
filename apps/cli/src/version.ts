import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../package.json') as { version: string }).version;
export const TOOL = {
  name: 'shipshape',
  fullName: `Shipshape ${VERSION}`,
  version: VERSION,
  informationUri: 'https://github.com/shipshape-dev/shipshape',
};

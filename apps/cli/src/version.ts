import { createRequire } from 'node:module';

export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
export const TOOL = {
  name: 'shipshape',
  fullName: `Shipshape ${VERSION}`,
  version: VERSION,
  informationUri: 'https://github.com/shipshape-dev/shipshape',
};

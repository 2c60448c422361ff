import { it } from 'vitest';
import { scanText } from './scan.js';

it('dbg', () => {
  for (const [p, t] of [
    ['.npmrc', 'registry=https://npm.internal/\n//npm.internal/:_authToken=Np4Rc-T0ken-Zq8xL2mN4pR7\n'],
  ] as const)
    console.log(p, JSON.stringify(scanText({ path: p, text: t }).map((f) => [f.ruleId, f.severity, f.message])));
});

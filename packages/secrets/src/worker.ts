/**
 * Worker thread that scans file texts for the analyzer when the file set is large, so scanning
 * uses every core. It receives texts (never paths to read: reading stays with core's readText)
 * and answers with findings and, for allow-list regexes, the raw secrets under them, which only
 * ever travel between threads of this process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FileKind, ShipshapeConfig } from '@shipshape/core';
import { scanFileText } from './scan-file.js';

interface Init {
  fingerprintKey: string;
  config: ShipshapeConfig;
  profiles: string[];
}
interface Job {
  id: number;
  path: string;
  text: string;
  kinds: FileKind[];
}

const init = workerData as Init;
parentPort?.on('message', (job: Job) => {
  try {
    const result = scanFileText(job.path, job.text, job.kinds, init);
    parentPort?.postMessage({ id: job.id, ...result });
  } catch (error) {
    parentPort?.postMessage({
      id: job.id,
      findings: [],
      raws: [],
      notes: [],
      error: String((error as Error)?.message ?? error),
    });
  }
});

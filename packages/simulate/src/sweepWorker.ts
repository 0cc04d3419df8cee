// Worker entry of runSweep: runs the jobs it is sent, one at a time, and reports
// progress and results back. Errors travel as QuanziError JSON or plain messages.

import { parentPort } from 'node:worker_threads';
import { isQuanziError } from '@quanzi/core';
import { runScenario } from './runScenario';
import type { SweepJob, SweepWorkerMessage } from './SweepJob';

const port = parentPort;
if (port) {
  port.on('message', (job: SweepJob) => {
    const post = (message: SweepWorkerMessage) => port.postMessage(message);
    try {
      const result = runScenario(job.scenario, {
        seed: job.seed,
        run: job.run,
        params: job.params,
        onProgress: ({ done }) => post({ type: 'progress', index: job.index, step: done }),
      });
      post({ type: 'result', index: job.index, result });
    } catch (error) {
      const plain = isQuanziError(error) ? { quanzi: error.toJSON() } : { message: String(error) };
      post({ type: 'error', index: job.index, error: plain });
    }
  });
}

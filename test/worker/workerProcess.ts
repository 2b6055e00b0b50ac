import { startTsProcess, type TsProcess } from '../helpers/tsProcess'

/** `payload-email-marketing worker` (src/worker/cli.ts) on test/worker/workerConfig.ts, in a process of its own. */
export const startWorkerProcess = (env: { DATABASE_URL: string; POSTMARK_API_URL: string; WORKER_CONCURRENCY?: string }, healthPort?: number): TsProcess =>
  startTsProcess('src/worker/cli.ts', env, ['worker', '--config', 'test/worker/workerConfig.ts', ...(healthPort === undefined ? [] : ['--health-port', String(healthPort)])])

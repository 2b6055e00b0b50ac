import { startTsProcess, type TsProcess } from '../helpers/tsProcess'

export type Worker = TsProcess

/** Starts test/sending/outboxWorker.ts in its own process. */
export const startWorker = (env: {
  DATABASE_URL: string
  POSTMARK_API_URL: string
  WORKER_CONCURRENCY?: string
}): Worker => startTsProcess('test/sending/outboxWorker.ts', env)

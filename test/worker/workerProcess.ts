import { startTsProcess, type TsProcess } from '../helpers/tsProcess'

/** `payload-email-marketing worker` (src/worker/cli.ts) on test/worker/workerConfig.ts, in a process of its own. */
export const startWorkerProcess = (
  env: { DATABASE_URL: string; POSTMARK_API_URL: string; WORKER_CONCURRENCY?: string },
  args: string[] = [],
): TsProcess =>
  startTsProcess('src/worker/cli.ts', env, [
    'worker',
    '--config',
    'test/worker/workerConfig.ts',
    ...args,
  ])

/** The health endpoint's address, from the worker's "worker ready; health on …" line. */
export const healthUrlOf = (worker: TsProcess): string => {
  const url = /health on (http:\/\/[\d.:]+\/health)/.exec(worker.output())?.[1]
  if (!url) throw new Error(`The worker printed no health address: ${worker.output().slice(-1000)}`)
  return url
}

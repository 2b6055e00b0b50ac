import type { Payload, SanitizedConfig } from 'payload'

import { getPayload } from 'payload'

import { startScheduler, stopScheduler } from '../scheduler/startScheduler.js'
import { watchDatabaseErrors } from '../scheduler/watchDatabaseErrors.js'
import { type HealthServer, startHealthServer } from './healthServer.js'

export type StartWorkerOptions = {
  /** The same Payload config as the web app (or a promise of it). Its `scheduler.enabled` is ignored: a worker always runs it. */
  config: Promise<SanitizedConfig> | SanitizedConfig
  /** Stop on SIGTERM and SIGINT, then exit the process with 0 (1 if shutting down failed). @default true */
  handleSignals?: boolean
  /** Serve `GET /health` on this port (0 picks a free one); no endpoint when unset. */
  healthPort?: number
  /** `/health` answers 503 when no tick has succeeded for this long. @default 60 */
  healthStaleSeconds?: number
}

export type RunningWorker = {
  /** The health endpoint's address, when `healthPort` is set. */
  healthUrl?: string
  payload: Payload
  /** Claims no new batch, finishes the batches in flight, releases rows claimed but not started, then closes Payload. */
  stop: () => Promise<void>
}

/**
 * Boots Payload for sending only: no HTTP server (other than the optional health endpoint), just
 * the scheduler's ticks. Lost database connections are logged and the ticks retry until the
 * database answers again, so the process keeps running through Postgres restarts.
 */
export const startWorker = async ({
  config,
  handleSignals = true,
  healthPort,
  healthStaleSeconds = 60,
}: StartWorkerOptions): Promise<RunningWorker> => {
  const payload = await getPayload({ config, key: 'email-marketing-worker' })
  watchDatabaseErrors(payload)
  startScheduler(payload, { force: true })
  const health: HealthServer | undefined =
    healthPort === undefined
      ? undefined
      : await startHealthServer(payload, {
          port: healthPort,
          staleAfterMs: healthStaleSeconds * 1000,
        })

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      payload.logger.info('email-marketing: worker stopping; finishing the batches in flight')
      await stopScheduler(payload)
      await health?.close()
      await payload.destroy()
      payload.logger.info('email-marketing: worker stopped')
    })())

  if (handleSignals) {
    const onSignal = (signal: NodeJS.Signals) => {
      payload.logger.info(`email-marketing: worker received ${signal}`)
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          payload.logger.error({
            err: error,
            msg: 'email-marketing: worker could not stop cleanly',
          })
          process.exit(1)
        },
      )
    }
    process.once('SIGTERM', onSignal)
    process.once('SIGINT', onSignal)
  }
  payload.logger.info(`email-marketing: worker ready${health ? `; health on ${health.url}` : ''}`)
  return { healthUrl: health?.url, payload, stop }
}

import type { Payload } from 'payload'

export type TickHealth = {
  /** Failures in a row; 0 once a run succeeds. */
  failures: number
  lastError?: string
  lastSuccessAt?: Date
  name: string
}

export type GuardedTick = {
  health: TickHealth
  /** The run in progress, awaited at shutdown. */
  inFlight?: Promise<void>
  /** Runs the tick unless it is already running or backing off; never rejects. */
  run: () => Promise<void>
}

const firstDelayMs = 1000
const maxDelayMs = 30_000

/**
 * Wraps one scheduler tick so a failure (most often a lost database connection) is logged, the tick
 * backs off (1 s, 2 s, 4 s … up to 30 s) and then runs again, and a recovery is logged once.
 * A second call while a run is in progress joins it instead of starting another.
 */
export const guardTick = (
  payload: Payload,
  name: string,
  run: () => Promise<unknown>,
  isStopping: () => boolean,
): GuardedTick => {
  const health: TickHealth = { failures: 0, name }
  let retryAt = 0
  const guarded: GuardedTick = {
    health,
    run: () => {
      if (guarded.inFlight) return guarded.inFlight
      if (isStopping() || Date.now() < retryAt) return Promise.resolve()
      guarded.inFlight = run()
        .then(() => {
          if (health.failures > 0) {
            payload.logger.info(
              `email-marketing: ${name} tick runs again after ${health.failures} failed attempt(s)`,
            )
          }
          health.failures = 0
          health.lastError = undefined
          health.lastSuccessAt = new Date()
          retryAt = 0
        })
        .catch((error: unknown) => {
          health.failures += 1
          health.lastError = error instanceof Error ? error.message : String(error)
          const delayMs = Math.min(maxDelayMs, firstDelayMs * 2 ** (health.failures - 1))
          retryAt = Date.now() + delayMs
          payload.logger.error({
            err: error,
            msg: `email-marketing: ${name} tick failed (attempt ${health.failures}); retrying in ${delayMs / 1000} s`,
          })
        })
        .finally(() => (guarded.inFlight = undefined))
      return guarded.inFlight
    },
  }
  return guarded
}

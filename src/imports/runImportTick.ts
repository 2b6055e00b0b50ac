import type { Payload } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import { importTick } from './importTick.js'

const inFlight = new WeakMap<Payload, Promise<unknown>>()

/** One import tick per process at a time; imports are claimed in Postgres either way. */
export const runImportTick = (payload: Payload): Promise<unknown> => {
  const current = inFlight.get(payload)
  if (current) return current
  const tick = importTick(payload)
    .catch((error: unknown) =>
      payload.logger.error({
        err: error,
        msg: 'email-marketing: import tick failed; the next tick retries',
      }),
    )
    .finally(() => inFlight.delete(payload))
  inFlight.set(payload, tick)
  return tick
}

/** Starts a just-queued import now instead of at the next cron tick, when this process runs ticks. */
export const kickImports = (payload: Payload): void => {
  if (pluginOptionsOf(payload).scheduler.enabled) setImmediate(() => void runImportTick(payload))
}

import type { Payload } from 'payload'

import type { DrainOptions } from './drainOutbox.js'

import { drainOutbox } from './drainOutbox.js'
import { mailerFor } from './mailerFor.js'
import { reconcileLeases } from './reconcileLeases.js'

/** One scheduler tick of the outbox: settle expired leases, then send what is due. */
export const outboxTick = async (payload: Payload, options: DrainOptions = {}) => {
  const now = options.now ?? (() => new Date())
  const mailer = options.mailer ?? mailerFor(payload)
  const reconciled = await reconcileLeases(payload, { mailer, now: now() })
  const drained = await drainOutbox(payload, { ...options, mailer, now })
  return { ...drained, reconciled }
}

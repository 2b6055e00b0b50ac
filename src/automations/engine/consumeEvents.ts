import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ContactEvent } from '../../events/contactEvents.js'
import type { ActiveTriggers } from '../triggers/activeTriggers.js'
import type { EnrollCandidate } from './insertEnrollments.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { arrayParam, rowsOf, tableOf } from '../../utilities/db.js'
import { contactsOf, matchesTrigger } from '../triggers/matchTrigger.js'
import { insertEnrollments } from './insertEnrollments.js'
import { triggerEventOf } from './triggerEvent.js'

type Drizzle = Payload['db']['drizzle']

/** The enrollments one fact asks for: every active automation with a matching trigger, per contact. */
export const candidatesFor = (
  eventId: number,
  event: ContactEvent,
  triggers: ActiveTriggers,
): EnrollCandidate[] => {
  const automationIds =
    event.type === 'automation.requested'
      ? triggers.automations.some((automation) => automation.id === event.automationId)
        ? [event.automationId]
        : []
      : triggers.automations
          .filter((automation) =>
            automation.triggers.some((trigger) => matchesTrigger(trigger, event)),
          )
          .map((automation) => automation.id)
  const dealId = event.type === 'deal.stageChanged' ? event.dealId : undefined
  return automationIds.flatMap((automationId) =>
    contactsOf(event).map((contactId) => ({
      automationId,
      contactId,
      key: `event:${eventId}:${automationId}:${contactId}`,
      state: { dealId, depth: 0, event: triggerEventOf(event), eventId },
    })),
  )
}

/**
 * Consumes one batch of unprocessed trigger events in one transaction: locks up to
 * `automations.eventBatchSize` of them with `FOR UPDATE SKIP LOCKED` (so any number of processes
 * consume at once, each its own rows), enrolls every contact they start in one guarded INSERT,
 * and marks them processed. A crash anywhere rolls all of it back, and the next tick in any
 * process consumes the same rows again; each enrollment's key names its fact, so none is doubled.
 */
export const consumeEventBatch = async (
  payload: Payload,
  { now, triggers }: { now: Date; triggers: ActiveTriggers },
): Promise<{ enrolled: number; events: number }> => {
  const options = pluginOptionsOf(payload)
  const events = tableOf(payload, options.slugs.automationEvents)
  return payload.db.drizzle.transaction(async (tx) => {
    const db = tx as unknown as Drizzle
    const rows = rowsOf<{ data: ContactEvent; id: number }>(
      await db.execute(sql`
        SELECT id, data FROM ${events} WHERE processed_at IS NULL
        ORDER BY id LIMIT ${options.automations.eventBatchSize}
        FOR UPDATE SKIP LOCKED`),
    )
    if (rows.length === 0) return { enrolled: 0, events: 0 }
    const candidates = rows.flatMap((row) => candidatesFor(row.id, row.data, triggers))
    const inserted = await insertEnrollments(payload, db, candidates, now)
    await db.execute(sql`
      UPDATE ${events} SET processed_at = now(), updated_at = now()
      WHERE id = ANY(${arrayParam(rows.map((row) => row.id))}::int[])`)
    return { enrolled: inserted.length, events: rows.length }
  })
}

/** Consumes event batches until none is left or `budgetMs` is spent. */
export const consumeEvents = async (
  payload: Payload,
  { budgetMs, now, triggers }: { budgetMs: number; now: Date; triggers: ActiveTriggers },
): Promise<{ enrolled: number; events: number }> => {
  const started = Date.now()
  const total = { enrolled: 0, events: 0 }
  while (Date.now() - started < budgetMs) {
    const batch = await consumeEventBatch(payload, { now, triggers })
    total.enrolled += batch.enrolled
    total.events += batch.events
    if (batch.events < pluginOptionsOf(payload).automations.eventBatchSize) break
  }
  return total
}

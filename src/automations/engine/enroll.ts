import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { TriggerEvent } from './triggerEvent.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { drizzleFor, rowsOf, tableOf } from '../../utilities/db.js'
import { insertEnrollments } from './insertEnrollments.js'

export type EnrollResult =
  | { enrolled: false; reason: string }
  | { enrolled: true; enrollmentId: number }

type AutomationRow = { reentry_rule: null | string; status: string }

/**
 * Puts a contact in an automation under the re-entry rule (once / every time / again after N
 * days) and the loop cap (`maxRunsPerWindow` runs per `runWindowHours`), which hold under
 * concurrency (see `insertEnrollments`). Runs in `req`'s transaction when it has one, else in its
 * own. `key` makes a repeated call a no-op (e.g. `start:<enrollment>:<step>`).
 */
export const enroll = async (
  payload: Payload,
  {
    automationId,
    contactId,
    dealId,
    depth = 0,
    event,
    key,
    now = new Date(),
    req,
  }: {
    automationId: number
    contactId: number
    /** The deal the run is about (a deal trigger's deal); kept in the enrollment's state. */
    dealId?: number
    depth?: number
    /** The fact that started the run; kept in the enrollment's state for template data. */
    event?: TriggerEvent
    key?: string
    now?: Date
    req?: Partial<PayloadRequest>
  },
): Promise<EnrollResult> => {
  const options = pluginOptionsOf(payload)
  const run = async (db: Payload['db']['drizzle']): Promise<EnrollResult> => {
    const [automation] = rowsOf<AutomationRow>(
      await db.execute(
        sql`SELECT status, reentry_rule FROM ${tableOf(payload, options.slugs.automations)} WHERE id = ${automationId}`,
      ),
    )
    if (!automation) return { enrolled: false, reason: `automation ${automationId} does not exist` }
    if (automation.status !== 'active')
      return { enrolled: false, reason: `automation is ${automation.status}` }
    const [inserted] = await insertEnrollments(
      payload,
      db,
      [{ automationId, contactId, key: key ?? null, state: { dealId, depth, event } }],
      now,
    )
    if (inserted) return { enrolled: true, enrollmentId: inserted.id }
    return {
      enrolled: false,
      reason: `re-entry rule "${automation.reentry_rule ?? 'once'}" or the loop cap of ${options.automations.maxRunsPerWindow} runs per ${options.automations.runWindowHours} h`,
    }
  }
  if (req?.transactionID) return run(await drizzleFor(req as PayloadRequest))
  return payload.db.drizzle.transaction(async (tx) =>
    run(tx as unknown as Payload['db']['drizzle']),
  )
}

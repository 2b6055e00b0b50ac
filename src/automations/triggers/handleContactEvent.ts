import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import type { ContactEvent, ContactEventHandler } from '../../events/contactEvents.js'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../../pluginContext.js'
import { drizzleFor, rowsOf, tableOf } from '../../utilities/db.js'
import { enroll, type EnrollResult } from '../engine/enroll.js'
import { triggerEventOf } from '../engine/triggerEvent.js'
import { contactsOf, matchesTrigger } from './matchTrigger.js'

type AutomationWithTriggers = {
  id: number
  triggers?: ({ blockType: string } & Record<string, unknown>)[]
}

/** Active automations with at least one trigger matching the event. */
export const automationsTriggeredBy = async (
  payload: Payload,
  event: ContactEvent,
  req?: PayloadRequest,
): Promise<number[]> => {
  const { docs } = await payload.find({
    collection: pluginOptionsOf(payload).slugs.automations as CollectionSlug,
    depth: 0,
    pagination: false,
    req,
    select: { triggers: true } as never,
    where: { status: { equals: 'active' } },
  })
  return (docs as unknown as AutomationWithTriggers[])
    .filter((automation) => automation.triggers?.some((trigger) => matchesTrigger(trigger, event)))
    .map((automation) => automation.id)
}

/** Enrolls the event's contacts in every active automation it triggers. */
export const enrollForEvent = async (
  payload: Payload,
  event: ContactEvent,
  req?: PayloadRequest,
): Promise<EnrollResult[]> => {
  const automationIds = await automationsTriggeredBy(payload, event, req)
  const results: EnrollResult[] = []
  const fact = automationIds.length ? await factOf(payload, event, req) : null
  const dealId = event.type === 'deal.stageChanged' ? event.dealId : undefined
  for (const automationId of automationIds) {
    for (const contactId of contactsOf(event)) {
      results.push(
        await enroll(payload, {
          automationId,
          contactId,
          dealId,
          event: triggerEventOf(event),
          key: fact ? `fact:${automationId}:${contactId}:${fact}` : undefined,
          req,
        }),
      )
    }
  }
  return results
}

/**
 * A subscription is published both by the subscription hook and by the subscribe/confirm
 * endpoints; its `subscribedAt` names the one fact, so the second publish enrolls nobody again.
 */
const factOf = async (
  payload: Payload,
  event: ContactEvent,
  req?: PayloadRequest,
): Promise<null | string> => {
  if (event.type !== 'list.subscribed') return null
  const subscriptions = tableOf(payload, pluginOptionsOf(payload).slugs.subscriptions)
  const db = req?.transactionID ? await drizzleFor(req) : payload.db.drizzle
  const [row] = rowsOf<{ at: null | string }>(
    await db.execute(
      sql`SELECT subscribed_at::text AS at FROM ${subscriptions} WHERE contact_id = ${event.contactId} AND list_id = ${event.listId}`,
    ),
  )
  return row?.at ? `list:${event.listId}:${row.at}` : null
}

/** The plugin registers this on the contact event bus at init. */
export const automationTriggerHandler: ContactEventHandler = async ({ event, payload, req }) => {
  await enrollForEvent(payload, event, req)
}

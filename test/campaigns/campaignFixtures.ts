import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { outboxTick } from '../../src/sending/outboxTick'
import { campaignTick } from '../../src/campaigns/campaignTick'
import { campaignEmails } from '../../src/sending/recipients/campaignEmails'
import { rowsOf } from '../../src/utilities/db'
import { slugs, tables } from '../helpers/slugs'

/** A Lexical editor state with one paragraph of text (Liquid allowed). */
export const paragraph = (text: string) => ({
  root: {
    type: 'root',
    children: [
      {
        type: 'paragraph',
        children: [
          { type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 },
        ],
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        version: 1,
      },
    ],
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 1,
  },
})

export const createList = async (payload: Payload, name: string): Promise<number> =>
  (await payload.create({ collection: slugs.lists, data: { name } as never })).id as number

/**
 * `count` active contacts `<prefix><i>@example.com` subscribed to `listId`, in two set-based statements.
 * Returns their ids in order.
 */
export const seedSubscribers = async (
  payload: Payload,
  { count, listId, prefix }: { count: number; listId: number; prefix: string },
): Promise<number[]> => {
  const ids = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(sql`
      INSERT INTO ${tables.contacts} (email, first_name, status, attributes, created_at, updated_at)
      SELECT ${prefix} || i || '@example.com', 'Reader' || i, 'active', '{}'::jsonb, now(), now() FROM generate_series(1, ${count}) AS i
      RETURNING id`),
  ).map((row) => row.id)
  await payload.db.drizzle.execute(sql`
    INSERT INTO ${tables.subscriptions} (contact_id, list_id, status, subscribed_at, created_at, updated_at)
    SELECT id, ${listId}, 'subscribed', now(), now(), now() FROM ${tables.contacts} WHERE email LIKE ${`${prefix}%@example.com`}`)
  return ids
}

export const realPostalAddress = 'Acme Ltd\n1 Main Street\nSpringfield'

/** A marketing layout with a real postal address (the seeded default's placeholder blocks sending), made once per database. */
export const fixtureLayout = async (payload: Payload): Promise<number> => {
  const { docs } = await payload.find({
    collection: slugs.layouts,
    limit: 1,
    where: { name: { equals: 'Fixture layout' } },
  })
  if (docs[0]) return docs[0].id as number
  return (
    await payload.create({
      collection: slugs.layouts,
      data: { name: 'Fixture layout', postalAddress: realPostalAddress } as never,
    })
  ).id as number
}

/** A draft campaign on the fixture layout unless `data` names a layout (or `layout: null` for the default). */
export const createCampaign = async (
  payload: Payload,
  data: Record<string, unknown>,
): Promise<number> =>
  (
    await payload.create({
      collection: slugs.campaigns,
      data: {
        content: paragraph('Hello {{ contact.firstName | default: "there" }}'),
        layout: await fixtureLayout(payload),
        name: 'Newsletter',
        preheader: 'This month in brief',
        subject: 'News for {{ contact.firstName }}',
        ...data,
      } as never,
    })
  ).id as number

/**
 * Runs campaign and outbox ticks (which also reconcile rows whose batch call timed out) until the
 * campaign is sent, or fails after `timeoutMs`.
 */
export const sendToCompletion = async (
  payload: Payload,
  campaignId: number,
  { now, timeoutMs = 240_000 }: { now?: () => Date; timeoutMs?: number } = {},
) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    await campaignTick(payload, { now: now?.() })
    const drained = await outboxTick(payload, now ? { now } : {})
    const [{ status }] = rowsOf<{ status: string }>(
      await payload.db.drizzle.execute(
        sql`SELECT status::text FROM ${tables.campaigns} WHERE id = ${campaignId}`,
      ),
    )
    if (status === 'sent') return
    if (drained.batches === 0) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(
    `Campaign ${campaignId} was not sent within ${timeoutMs / 1000}s: ${JSON.stringify(await messageCounts(payload, campaignId))}`,
  )
}

/**
 * A campaign's emails by status. A recipient still waiting counts as `queued` and one in a send
 * lease as `sending`, as their outbox rows would (campaignEmails, which the counters' backfill reads).
 */
export const messageCounts = async (
  payload: Payload,
  campaignId: number,
): Promise<Record<string, number>> =>
  Object.fromEntries(
    rowsOf<{ count: number; status: string }>(
      await payload.db.drizzle.execute(
        sql`SELECT m.status, count(*)::int AS count FROM ${campaignEmails(payload)} WHERE m.campaign_id = ${campaignId} GROUP BY 1`,
      ),
    ).map((row) => [row.status, row.count]),
  )

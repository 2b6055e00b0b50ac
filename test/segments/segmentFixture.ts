import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { refreshContactEngagement } from '../../src/retention/contactEngagement'
import { rowsOf } from '../../src/utilities/db'
import { slugs, tableNames, tables } from '../helpers/slugs'

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000)
const isoDay = (date: Date) => date.toISOString().slice(0, 10)

export type SegmentFixture = {
  campaigns: { x: number; y: number }
  contacts: Record<'ann' | 'bob' | 'cara' | 'dan' | 'eve', number>
  lists: { a: number; b: number }
  messages: { annX: number; bobX: number; caraY: number; eveAutomation: number }
  nameOf: (id: number) => string
  tags: { beta: number; vip: number }
}

/** A campaign id valid for messages: a row in the campaigns table when that collection exists. */
const campaignIdFor = async (payload: Payload, name: string, fallback: number): Promise<number> => {
  if (!payload.db.tableNameMap.has(tableNames.campaigns)) return fallback
  const [row] = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(
      sql`INSERT INTO ${tables.campaigns} (name, subject, updated_at, created_at) VALUES (${name}, ${name}, now(), now()) RETURNING id`,
    ),
  )
  return row.id
}

const hasCampaignColumn = async (payload: Payload): Promise<boolean> =>
  rowsOf(
    await payload.db.drizzle.execute(
      sql`SELECT 1 FROM information_schema.columns WHERE table_name = ${tableNames.messages} AND column_name = 'campaign_id'`,
    ),
  ).length > 0

/** Five contacts, two lists, two tags and four messages whose expected segment members are known by hand. */
export const seedSegmentFixture = async (payload: Payload): Promise<SegmentFixture> => {
  const vip = (await payload.create({ collection: slugs.tags, data: { name: 'vip' } })).id
  const beta = (await payload.create({ collection: slugs.tags, data: { name: 'beta' } })).id
  const a = (
    await payload.create({ collection: slugs.lists, data: { name: 'List A', slug: 'list-a' } })
  ).id
  const b = (
    await payload.create({ collection: slugs.lists, data: { name: 'List B', slug: 'list-b' } })
  ).id
  const contact = async (data: Record<string, unknown>, createdAt: Date) => {
    const created = await payload.create({ collection: slugs.contacts, data: data as never })
    await payload.db.drizzle.execute(
      sql`UPDATE ${tables.contacts} SET created_at = ${createdAt.toISOString()}::timestamptz WHERE id = ${created.id}`,
    )
    return created.id
  }
  const contacts = {
    ann: await contact(
      {
        attributes: {
          address: { city: 'Paris' },
          age: 34,
          city: 'Paris',
          plan: 'pro',
          signup: '2024-03-10',
        },
        company: 'Acme',
        email: 'ann@example.com',
        firstName: 'Ann',
        lastName: 'Lee',
        tags: [vip],
      },
      new Date('2024-01-05T10:00:00Z'),
    ),
    bob: await contact(
      {
        attributes: { age: '19', plan: 'free', signup: '2023-12-01' },
        company: 'Beta Ltd',
        email: 'bob@example.com',
        firstName: 'Bob',
        status: 'unsubscribed',
        tags: [vip, beta],
      },
      new Date('2024-06-01T10:00:00Z'),
    ),
    cara: await contact(
      {
        attributes: { age: 52, plan: 'Pro', signup: isoDay(daysAgo(5)) },
        email: 'cara@example.com',
        firstName: "Cara O'Hara",
        lastName: '100% Real',
        tags: [beta],
      },
      daysAgo(10),
    ),
    dan: await contact({ company: '', email: 'dan@example.com', firstName: 'Dan' }, daysAgo(0)),
    eve: await contact(
      {
        attributes: { age: 'n/a', plan: 'pro', vip: true },
        email: 'eve@example.com',
        firstName: 'Evelyn',
      },
      daysAgo(2),
    ),
  }
  const subscribe = (contactId: number, list: number, status: string) =>
    payload.create({
      collection: slugs.subscriptions,
      data: { contact: contactId, list, status } as never,
    })
  await subscribe(contacts.ann, a, 'subscribed')
  await subscribe(contacts.ann, b, 'unsubscribed')
  await subscribe(contacts.bob, a, 'pending')
  await subscribe(contacts.cara, b, 'subscribed')
  await subscribe(contacts.eve, a, 'subscribed')
  await subscribe(contacts.eve, b, 'subscribed')

  const campaigns = {
    x: await campaignIdFor(payload, 'Campaign X', 9001),
    y: await campaignIdFor(payload, 'Campaign Y', 9002),
  }
  const withColumn = await hasCampaignColumn(payload)
  const message = async (
    contactId: number,
    campaignId: null | number,
    openedAt: Date | null,
    clickedAt: Date | null,
  ) => {
    const metadata = JSON.stringify(campaignId ? { campaignId } : {})
    const [row] = rowsOf<{ id: number }>(
      await payload.db.drizzle
        .execute(sql`INSERT INTO ${tables.messages} (kind, status, stream, contact_id, to_address, from_address, subject,
          metadata, priority, attempts, events_opened_at, events_clicked_at, events_open_count, events_click_count, created_at, updated_at)
        VALUES (${campaignId ? 'campaign' : 'automation'}, 'sent', 'broadcast', ${contactId}, 'x@example.com', 'news@example.com', 'Hi',
          ${metadata}::jsonb, 1, 1, ${openedAt?.toISOString() ?? null}::timestamptz, ${clickedAt?.toISOString() ?? null}::timestamptz, 0, 0, now(), now())
        RETURNING id`),
    )
    if (withColumn && campaignId)
      await payload.db.drizzle.execute(
        sql`UPDATE ${tables.messages} SET campaign_id = ${campaignId} WHERE id = ${row.id}`,
      )
    // What the open and click webhooks do after writing a message's facts.
    await refreshContactEngagement(payload, payload.db.drizzle, [contactId])
    return row.id
  }
  const messages = {
    annX: await message(contacts.ann, campaigns.x, daysAgo(3), daysAgo(3)),
    bobX: await message(contacts.bob, campaigns.x, daysAgo(40), null),
    caraY: await message(contacts.cara, campaigns.y, null, null),
    eveAutomation: await message(contacts.eve, null, daysAgo(1), null),
  }
  const names = new Map(Object.entries(contacts).map(([name, id]) => [id, name]))
  return {
    campaigns,
    contacts,
    lists: { a, b },
    messages,
    nameOf: (id) => names.get(id) ?? `#${id}`,
    tags: { beta, vip },
  }
}

import { sql } from '@payloadcms/db-postgres'

import { lexicalParagraphs } from '../dev/lexicalParagraphs'
import { sendCampaign } from '../src/index'
import { campaignTick } from '../src/campaigns/campaignTick'
import { outboxTick } from '../src/sending/outboxTick'
import { rowsOf } from '../src/utilities/db'
import { bootBenchApp } from './support/bootBenchApp'
import { cpuMeter } from './support/cpuSeconds'
import { campaignEmailBytes } from './support/emailBytes'
import { peakRssMb } from './support/peakRss'

/**
 * A greeting and five paragraphs: in the plugin's layout this renders to about the bare pipeline's
 * 3.3 KB of HTML per email (`htmlBytes` in the result), so both send the same HTML and the plugin
 * its text part on top. Ten paragraphs (4.1 KB of HTML and 1.3 KB of text until 2026-12-06) made
 * the plugin send 1.6 times the bare pipeline's bytes.
 */
const content = lexicalParagraphs(
  'Hello {{ contact.firstName | default: "there" }},',
  ...Array.from(
    { length: 5 },
    () =>
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.',
  ),
)

/**
 * `npm run bench -- campaign --n 100000`: seeds N contacts subscribed to a list with set-based
 * SQL, presses "send now" (sendCampaign, as the admin does), then runs campaign ticks and the
 * outbox drain until the campaign is marked sent. Fan-out, claim-time rendering, sending and
 * writing the results are inside `seconds` (and `messagesPerSecond`), which ends when the last
 * result is written, as the bare pipeline's does; `secondsUntilCampaignSent` adds the campaign tick
 * that marks it sent, which the bench polls every 250 ms.
 */
export const run = async ({ n }: { n: number }) => {
  const { payload, shutdown, target } = await bootBenchApp('campaign')
  try {
    const list = await payload.create({
      collection: 'lists',
      data: { name: 'Bench readers' } as never,
    })
    await payload.db.drizzle.execute(sql`
      INSERT INTO contacts (email, first_name, status, attributes, created_at, updated_at)
      SELECT 'reader' || i || '@example.com', 'Reader' || i, 'active', '{}'::jsonb, now(), now() FROM generate_series(1, ${n}) AS i`)
    await payload.db.drizzle.execute(sql`
      INSERT INTO subscriptions (contact_id, list_id, status, subscribed_at, created_at, updated_at)
      SELECT id, ${list.id}, 'subscribed', now(), now(), now() FROM contacts`)
    await payload.db.drizzle.execute(sql`ANALYZE`)
    const layout = await payload.create({
      collection: 'layouts',
      data: {
        name: 'Bench layout',
        postalAddress: 'Bench Ltd\n1 Main Street\nSpringfield',
      } as never,
    })
    const campaign = await payload.create({
      collection: 'campaigns',
      data: {
        audience: { lists: [list.id] },
        content,
        layout: layout.id,
        name: 'Bench campaign',
        subject: 'News for {{ contact.firstName }}',
      } as never,
    })

    const cpu = cpuMeter()
    const started = performance.now()
    await sendCampaign(payload, campaign.id as number)
    let accepted = 0
    let sent = false
    const statusOf = async () =>
      rowsOf<{ status: string }>(
        await payload.db.drizzle.execute(
          sql`SELECT status::text FROM campaigns WHERE id = ${campaign.id}`,
        ),
      )[0].status
    // The scheduler runs both ticks independently; so does the bench: fan-out and delivery overlap.
    // Each drain has the scheduler's budget and, as there, the next starts at once while mail is due.
    const ticks = async () => {
      while (!sent) {
        await campaignTick(payload, { budgetMs: 1000 })
        sent = (await statusOf()) === 'sent'
        if (!sent) await new Promise((resolve) => setTimeout(resolve, 250))
      }
    }
    let lastResultAt = Number.NaN
    const drains = async () => {
      while (!sent) {
        const result = await outboxTick(payload)
        accepted += result.accepted
        // A drain returns once its results are written: the bare pipeline's clock stops there too.
        if (accepted >= n && Number.isNaN(lastResultAt)) lastResultAt = performance.now()
        if (result.batches === 0) await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    await Promise.all([ticks(), drains()])
    if (Number.isNaN(lastResultAt))
      throw new Error(`The drains recorded ${accepted} accepted messages, expected ${n}.`)
    const seconds = (lastResultAt - started) / 1000
    const secondsUntilCampaignSent = (performance.now() - started) / 1000
    const cpuSeconds = cpu()
    const peakRss = peakRssMb()
    const serverAccepted = await target.acceptedCount()
    if (serverAccepted !== null && serverAccepted !== n) {
      throw new Error(`The server accepted ${serverAccepted} messages, expected ${n}.`)
    }
    const sampled = rowsOf<{ id: number }>(
      await payload.db.drizzle.execute(
        sql`SELECT id FROM contacts WHERE id IN ((SELECT min(id) FROM contacts), (SELECT max(id) FROM contacts))`,
      ),
    ).map((row) => row.id)
    return {
      accepted,
      bench: 'campaign',
      cpuSeconds,
      ...(await campaignEmailBytes(payload, campaign.id as number, sampled)),
      messagesPerSecond: Math.round(n / seconds),
      n,
      peakRssMb: peakRss,
      seconds: Number(seconds.toFixed(2)),
      secondsUntilCampaignSent: Number(secondsUntilCampaignSent.toFixed(2)),
    }
  } finally {
    await shutdown()
  }
}

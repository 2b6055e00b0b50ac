import { sql } from '@payloadcms/db-postgres'

import { sendCampaign } from '../../src/index'
import { enqueueMessages } from '../../src/sending/enqueueMessages'
import { claimMessages, claimPlanSettings, claimStatement } from '../../src/sending/claimMessages'
import { verdictStatement } from '../../src/sending/suppressAtSendTime'
import { rowsOf } from '../../src/utilities/db'
import { createCampaign, createList, seedSubscribers } from '../campaigns/campaignFixtures'
import { broadcastInputs, bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { explainGenericPlan, nodesOf, type PlanNode } from '../helpers/queryPlans'
import { enqueueInChunks } from '../helpers/outboxRows'
import { tableNames, tables } from '../helpers/slugs'

let app: SendingApp

beforeAll(async () => {
  app = await bootSendingApp({ name: 'claimplan' })
})

afterAll(async () => {
  await app?.shutdown()
})

describe('the outbox claim', () => {
  it('reads queued rows in claim order from the due index even when statistics predate a large fan-out', async () => {
    await app.payload.db.drizzle.execute(sql`TRUNCATE ${tables.messages} CASCADE`)
    await app.payload.db.drizzle.execute(sql`ANALYZE ${tables.messages}`)
    await enqueueInChunks(broadcastInputs(5000), 1000, (chunk) =>
      enqueueMessages(app.payload, chunk),
    )

    const statement = claimStatement(app.payload, sql`true`, 500, new Date())
    const plan = await app.payload.db.drizzle.transaction(async (tx) => {
      await tx.execute(claimPlanSettings)
      const [row] = rowsOf<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        await tx.execute(sql`EXPLAIN (FORMAT JSON) ${statement}`),
      )
      return row['QUERY PLAN'][0].Plan
    })
    // Prepared (executePrepared), the claim may run on a plan made without its values.
    const generic = await explainGenericPlan(app.payload, statement, claimPlanSettings)
    for (const nodes of [nodesOf(plan), nodesOf(generic.Plan)]) {
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Sort')
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Bitmap Heap Scan')
      expect(nodes).toContainEqual(
        expect.objectContaining({
          'Index Name': `${tableNames.messages}_due_idx`,
          'Node Type': 'Index Scan',
        }),
      )
    }
  })

  it("checks a claimed batch at send time with per-row index lookups, never by reading every contact or subscription, and reads the campaign's lists once", async () => {
    await app.payload.db.drizzle.execute(sql`TRUNCATE ${tables.messages} CASCADE`)
    const listId = await createList(app.payload, 'Plan readers')
    await seedSubscribers(app.payload, { count: 20_000, listId, prefix: 'plan' })
    const campaignId = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      name: 'Plan',
    })
    await sendCampaign(app.payload, campaignId, { budgetMs: 60_000 })
    await app.payload.db.drizzle.execute(sql`ANALYZE`)
    const claimed = await claimMessages(app.payload, { limit: 500, now: new Date() })
    expect(claimed).toHaveLength(500)

    const [row] = rowsOf<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
      await app.payload.db.drizzle.execute(
        sql`EXPLAIN (ANALYZE, FORMAT JSON) ${verdictStatement(app.payload, claimed)}`,
      ),
    )
    const nodes = nodesOf(row['QUERY PLAN'][0].Plan)
    const seqScanned = nodes
      .filter((node) => node['Node Type'] === 'Seq Scan')
      .map((node) => node['Relation Name'])
    expect(seqScanned).not.toContain(tableNames.contacts)
    expect(seqScanned).not.toContain(tableNames.subscriptions)
    expect(seqScanned).not.toContain(tableNames.messages)
    // The batch is read as claimed (a leased campaign email has no outbox row yet), each contact by its key.
    expect(nodes.map((node) => node['Relation Name'])).not.toContain(tableNames.messages)
    expect(nodes).toContainEqual(
      expect.objectContaining({ 'Index Name': `${tableNames.contacts}_pkey` }),
    )
    // The lists are the same for every email of the campaign: read once per batch, not once per email.
    const listReads = nodes.filter(
      (node) => node['Relation Name'] === `${tableNames.campaigns}_rels`,
    )
    expect(listReads.length).toBeGreaterThan(0)
    expect(listReads.map((node) => node['Actual Loops'])).toEqual(listReads.map(() => 1))
  })

  it('keeps the outbox indexes partial, so a claimed or answered row is not written into the claim index', async () => {
    const indexes = rowsOf<{ indexdef: string; indexname: string }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ${tableNames.messages}`,
      ),
    )
    const definition = (name: string) => indexes.find((index) => index.indexname === name)?.indexdef
    expect(definition(`${tableNames.messages}_due_idx`)).toMatch(
      /\(priority, next_attempt_at, id\) WHERE \(status = 'queued'/,
    )
    expect(definition(`${tableNames.messages}_lease_idx`)).toMatch(
      /\(lease_until\) WHERE \(status = 'sending'/,
    )
    expect(definition(`${tableNames.messages}_campaign_state_idx`)).toMatch(
      /\(campaign_id, status\) WHERE \(\(campaign_id IS NOT NULL\) AND \(status = ANY \(ARRAY\['queued'::\w+, 'sending'::\w+, 'held'::\w+\]\)\)\)/,
    )
    expect(definition(`${tableNames.messages}_postmark_id_idx`)).toMatch(
      /WHERE \(\(postmark_message_id IS NOT NULL\) AND \(body_pruned_at IS NULL\)\)/,
    )
    expect(indexes.map((index) => index.indexdef).join('\n')).not.toMatch(/\(updated_at\)/)
  })
})

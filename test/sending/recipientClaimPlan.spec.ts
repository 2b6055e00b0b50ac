import { sql } from '@payloadcms/db-postgres'

import { sendCampaign } from '../../src/index'
import { claimPlanSettings } from '../../src/sending/claimMessages'
import { recipientClaimStatement } from '../../src/sending/recipients/claimRecipients'
import {
  campaignRecipientsTable,
  campaignRecipientsTableName,
} from '../../src/sending/recipients/recipientTables'
import { rowsOf } from '../../src/utilities/db'
import { createCampaign, createList, seedSubscribers } from '../campaigns/campaignFixtures'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { explainGenericPlan, nodesOf, type PlanNode } from '../helpers/queryPlans'

// Its own database: the scenario needs a recipients table no earlier test has analysed.
let app: SendingApp

beforeAll(async () => {
  app = await bootSendingApp({ name: 'recipientclaimplan' })
})

afterAll(async () => {
  await app?.shutdown()
})

describe('the campaign recipients claim', () => {
  it('takes one batch of recipients by the batches index, without JIT, even when statistics predate the fan-out', async () => {
    const recipients = campaignRecipientsTable(app.payload)
    // Statistics from before the fan-out, as on a new site's first campaign: autovacuum must not refresh them.
    await app.payload.db.drizzle.execute(
      sql`ALTER TABLE ${recipients} SET (autovacuum_enabled = false)`,
    )
    const listId = await createList(app.payload, 'Recipient plan readers')
    await seedSubscribers(app.payload, { count: 10_000, listId, prefix: 'rplan' })
    const campaignId = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      name: 'Recipient plan',
    })
    await sendCampaign(app.payload, campaignId, { budgetMs: 60_000 })
    const statement = recipientClaimStatement(app.payload, {
      limit: 500,
      now: new Date(),
    })
    type Explained = { JIT?: unknown; Plan: PlanNode }
    const explain = async (settings: boolean): Promise<Explained> => {
      let explained: Explained | undefined
      // Rolled back: EXPLAIN ANALYZE runs the claim.
      await app.payload.db.drizzle
        .transaction(async (tx) => {
          if (settings) await tx.execute(claimPlanSettings)
          const [row] = rowsOf<{ 'QUERY PLAN': Explained[] }>(
            await tx.execute(sql`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`),
          )
          explained = row['QUERY PLAN'][0]
          throw new Error('roll back')
        })
        .catch((error: Error) => {
          if (error.message !== 'roll back') throw error
        })
      return explained!
    }
    /** The most batch rows one scan read to find the batch to take (the DELETE then reads it by ctid, as `w`). */
    const recipientRowsRead = (plan: PlanNode) =>
      Math.max(
        ...nodesOf(plan)
          .filter(
            (node) => node['Relation Name'] === campaignRecipientsTableName && node.Alias !== 'w',
          )
          .map((node) => (node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)),
      )

    // A batch row per 500 recipients: with or without the claim's settings a take reads one.
    const unguided = await explain(false)
    expect(recipientRowsRead(unguided.Plan)).toBe(1)

    const guided = await explain(true)
    expect(recipientRowsRead(guided.Plan)).toBe(1)
    expect(nodesOf(guided.Plan)).toContainEqual(
      expect.objectContaining({
        'Index Name': `${campaignRecipientsTableName}_campaign_first_contact_idx`,
        'Node Type': 'Index Scan',
      }),
    )
    expect(guided.JIT).toBeUndefined()

    // Prepared (executePrepared), the statement may run on a plan made without its values.
    const generic = await explainGenericPlan(app.payload, statement, claimPlanSettings)
    expect(recipientRowsRead(generic.Plan)).toBe(1)
    expect(nodesOf(generic.Plan)).toContainEqual(
      expect.objectContaining({
        'Index Name': `${campaignRecipientsTableName}_campaign_first_contact_idx`,
      }),
    )
  })
})

import type { SQL } from '../../utilities/db.js'
import type { BeforeSchemaHook } from '../../utilities/schemaHooks.js'

/** Per campaign and variant: the counts the deltas below were folded into. */
export const campaignCountsTableName = 'email_marketing_campaign_counts'
/**
 * Append-only: one row per change to a campaign's messages (a fan-out chunk, a batch's results, a
 * webhook), written in the transaction of that change. Inserts never wait on each other, so a
 * million webhooks do not queue on one counter row; the retention tick folds them into the counts.
 */
export const campaignCountDeltasTableName = 'email_marketing_campaign_count_deltas'

/** The counters of a campaign, as columns of both tables. */
export const countKeys = [
  'recipients',
  'pending',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'complained',
] as const

export type CountKey = (typeof countKeys)[number]

const count = (name: string) => ({ name, type: 'integer', default: 0, notNull: true }) as const

const columns = {
  ...Object.fromEntries(countKeys.map((key) => [key, count(key)])),
  campaignId: { name: 'campaign_id', type: 'integer', notNull: true },
  /** The earliest `sent_at` among the rows counted: where the unsubscribe count starts looking. */
  firstSentAt: {
    name: 'first_sent_at',
    type: 'timestamp',
    mode: 'string',
    precision: 3,
    withTimezone: true,
  },
  variant: { name: 'variant', type: 'integer', default: 0, notNull: true },
} as const

/**
 * Declares the campaign counter tables in Payload's raw schema (beforeSchemaInit), so dev pushes
 * create them and `payload migrate:create` writes them into a migration; nothing is created at run time.
 */
export const campaignCountTablesHook: BeforeSchemaHook = ({ adapter, schema }) => {
  adapter.rawTables[campaignCountsTableName] = {
    name: campaignCountsTableName,
    columns,
    indexes: {
      campaignVariant: {
        name: `${campaignCountsTableName}_campaign_variant_idx`,
        on: ['campaignId', 'variant'],
        unique: true,
      },
    },
  }
  adapter.rawTables[campaignCountDeltasTableName] = {
    name: campaignCountDeltasTableName,
    columns,
    indexes: {
      campaign: { name: `${campaignCountDeltasTableName}_campaign_idx`, on: 'campaignId' },
    },
  }
  return schema
}

type Tables = { tables: Record<string, unknown> }

/** The folded counts table, as the adapter holds it. */
export const campaignCountsTable = (db: Tables): SQL =>
  db.tables[campaignCountsTableName] as unknown as SQL

/** The append-only deltas table, as the adapter holds it. */
export const campaignCountDeltasTable = (db: Tables): SQL =>
  db.tables[campaignCountDeltasTableName] as unknown as SQL

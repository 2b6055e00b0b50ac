import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { tableOf } from '../../utilities/db.js'
import { campaignCountDeltasTable, type CountKey, countKeys } from './campaignCountTables.js'

/**
 * What a message row counts for in its campaign's stats, as SQL expressions over one state of the
 * row: its status and the four webhook timestamps. Nothing else of a row is counted.
 */
export type CountedState = {
  bouncedAt: SQL
  clickedAt: SQL
  deliveredAt: SQL
  openedAt: SQL
  status: SQL
}

const pendingStatuses = sql`('queued', 'sending', 'held')`
const sentStatuses = sql`('sent', 'captured', 'delivered', 'bounced', 'complained')`

/**
 * The one definition of every counter for one row state (0 or 1 each). Rows moving between
 * `queued`, `held` and `sending` (claim, pause, resume, release, repair) count the same before and
 * after, so those statements write no delta.
 */
export const countsOf = (state: CountedState | null): Record<CountKey, SQL> => {
  if (state === null)
    return Object.fromEntries(countKeys.map((key) => [key, sql`0`])) as Record<CountKey, SQL>
  const status = sql`(${state.status})::text`
  return {
    bounced: sql`(${status} = 'bounced' OR ${state.bouncedAt} IS NOT NULL)::int`,
    clicked: sql`(${state.clickedAt} IS NOT NULL)::int`,
    complained: sql`(${status} = 'complained')::int`,
    delivered: sql`(${status} IN ('delivered', 'complained') OR ${state.deliveredAt} IS NOT NULL)::int`,
    opened: sql`(${state.openedAt} IS NOT NULL)::int`,
    pending: sql`(${status} IN ${pendingStatuses})::int`,
    recipients: sql`1`,
    sent: sql`(${status} IN ${sentStatuses})::int`,
  }
}

/** A row, or a campaign recipient, waiting to be sent: queued, no webhook facts yet. */
export const queuedState: CountedState = {
  bouncedAt: sql`NULL`,
  clickedAt: sql`NULL`,
  deliveredAt: sql`NULL`,
  openedAt: sql`NULL`,
  status: sql`'queued'`,
}

/** A row state read from columns named by `column` (`m.status`, `changed.before_status`...). */
export const stateOf = (column: (name: string) => SQL): CountedState => ({
  bouncedAt: column('events_bounced_at'),
  clickedAt: column('events_clicked_at'),
  deliveredAt: column('events_delivered_at'),
  openedAt: column('events_opened_at'),
  status: column('status'),
})

/** Every counter of `countsOf`, summed over the message rows `m` (a SELECT list in `countKeys` order). */
export const countColumns = () => {
  const counts = countsOf(stateOf((name) => sql.raw(`m.${name}`)))
  return sql.join(
    countKeys.map((key) => sql`sum(${counts[key]})::int AS ${sql.identifier(key)}`),
    sql`, `,
  )
}

/** What a delta needs of `m` but its status, for a RETURNING list whose status comes from elsewhere. */
export const countedFactColumns = sql`m.campaign_id, m.variant, m.sent_at, m.events_delivered_at, m.events_opened_at,
  m.events_clicked_at, m.events_bounced_at`

/** What a delta needs of `m`, for a RETURNING list. */
export const countedColumns = sql`${countedFactColumns}, m.status::text AS status`

/** A row state read from the columns `countedColumns` returns, in a CTE or table `from`. */
export const returnedState = (from: string, status?: SQL): CountedState =>
  ({
    ...stateOf((name) => sql.raw(`${from}.${name}`)),
    ...(status ? { status } : {}),
  }) as CountedState

/**
 * An INSERT of the deltas of a set of changed rows, for a data-modifying CTE next to the change:
 * per campaign and variant, the sum of what each row counts after minus before (`null`: the row
 * did not exist), only where something changed. `rows` is a FROM item exposing `campaign_id`,
 * `variant` and `sent_at` (after the change).
 */
export const insertCountDeltas = (
  payload: Payload,
  {
    after,
    before,
    rows,
  }: { after: CountedState; before: CountedState | null; rows: { alias: string; from: SQL } },
): SQL => {
  const was = countsOf(before)
  const is = countsOf(after)
  const column = (name: string) => sql.raw(`${rows.alias}.${name}`)
  const sums = countKeys.map((key) => sql`sum(${is[key]} - ${was[key]})::int`)
  return sql`
    INSERT INTO ${campaignCountDeltasTable(payload.db)} (campaign_id, variant, ${sql.join(
      countKeys.map((key) => sql.identifier(key)),
      sql`, `,
    )}, first_sent_at)
    SELECT ${column('campaign_id')}, coalesce(${column('variant')}, 0), ${sql.join(sums, sql`, `)}, min(${column('sent_at')})
    FROM ${rows.from}
    WHERE ${column('campaign_id')} IS NOT NULL
    GROUP BY 1, 2
    HAVING ${sql.join(
      sums.map((sum) => sql`${sum} <> 0`),
      sql` OR `,
    )} OR min(${column('sent_at')}) IS NOT NULL`
}

/**
 * An UPDATE of message rows that also writes the campaign counter deltas, in one statement: the
 * rows are locked and their counted columns read first, so the delta is after minus the very
 * version the update replaced. The lock is the one a plain UPDATE takes (FOR NO KEY UPDATE): it
 * does not wait on the key-share lock a webhook's event row holds on its message, as FOR UPDATE
 * would (two webhooks of one message would deadlock). `where` and `set` see the row as `m` (and unqualified columns are
 * the row's). Returns the updated rows' `id` and whatever `returning` adds.
 */
export const countedMessageUpdate = (
  payload: Payload,
  { returning, set, where }: { returning?: SQL; set: SQL; where: SQL },
): SQL => {
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  return sql`
    WITH before AS (
      SELECT m.id AS before_id, m.status::text AS before_status, m.events_delivered_at AS before_events_delivered_at,
        m.events_opened_at AS before_events_opened_at, m.events_clicked_at AS before_events_clicked_at,
        m.events_bounced_at AS before_events_bounced_at
      FROM ${messages} m WHERE ${where} FOR NO KEY UPDATE OF m
    ), changed AS (
      UPDATE ${messages} m SET ${set} FROM before WHERE m.id = before.before_id
      RETURNING m.id, ${countedColumns}, before.* ${returning ? sql`, ${returning}` : sql``}
    ), counted AS (${insertCountDeltas(payload, {
      after: returnedState('changed'),
      before: stateOf((name) => sql.raw(`changed.before_${name}`)),
      rows: { alias: 'changed', from: sql`changed` },
    })})
    SELECT * FROM changed`
}

/**
 * The deltas of rows an UPDATE moved out of `sending` (its WHERE says so) without touching their
 * webhook facts, as the statement after the CTE `cte` that returned `countedColumns`.
 */
export const fromSending = (payload: Payload, cte: string): SQL =>
  insertCountDeltas(payload, {
    after: returnedState(cte),
    before: returnedState(cte, sql`'sending'`),
    rows: { alias: cte, from: sql.raw(cte) },
  })

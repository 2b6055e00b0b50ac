import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ClaimedMessage } from './outboxTypes.js'

import { countedColumns, fromSending } from './counters/countDeltas.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { addressHash } from '../privacy/addressHash.js'
import { arrayParam, rowsOf, type SQL } from '../utilities/db.js'
import { relsColumnOf, relsTableOf, tableOf } from '../utilities/tables.js'
import { isMarketingRow } from './marketingMessages.js'
import { executePrepared } from '../utilities/preparedStatements.js'

export const suppressionReasons = {
  bounced: 'Suppressed at send time: the contact’s address hard-bounced.',
  complained: 'Suppressed at send time: the contact reported a spam complaint.',
  erased: 'Suppressed: the address was erased on a data-protection request.',
  leftLists:
    'Suppressed at send time: the contact is no longer subscribed to any of the campaign’s lists.',
  unsubscribed: 'Suppressed at send time: the contact is no longer active (unsubscribed).',
} as const

/** The bare addresses of a `To` value such as `a@x.org, "B" <b@y.org>`. */
const addressesOf = (to: string): string[] =>
  to
    .split(',')
    .map((part) => /<([^>]+)>/.exec(part)?.[1] ?? part)
    .map((address) => address.trim())
    .filter(Boolean)

/**
 * The emails of a claimed batch that must not go out, with the reason: `SELECT id, reason`. It reads
 * the batch as claimed (a leased campaign email has no outbox row yet), never the outbox.
 */
export const verdictStatement = (
  payload: Payload,
  claimed: Pick<
    ClaimedMessage,
    'campaignId' | 'contactId' | 'id' | 'kind' | 'stream' | 'toAddress'
  >[],
): SQL => {
  const options = pluginOptionsOf(payload)
  const { secret, slugs } = options
  const hashed = claimed.flatMap((message) =>
    addressesOf(message.toAddress).map(
      (address) => [message.id, addressHash(secret, address)] as const,
    ),
  )
  const campaignLists = relsTableOf(payload, slugs.campaigns)
  const listColumn = relsColumnOf(payload, slugs.campaigns, slugs.lists)
  /** One column of the batch as a Postgres array, for `unnest`. */
  const column = (
    key: 'campaignId' | 'contactId' | 'id' | 'kind' | 'stream',
    type: 'int' | 'text',
  ) => sql`${arrayParam(claimed.map((message) => message[key] ?? null))}::${sql.raw(type)}[]`
  return sql`
      WITH erased AS (
        SELECT DISTINCT h.id FROM unnest(${arrayParam(hashed.map(([id]) => id))}::int[], ${arrayParam(hashed.map(([, hash]) => hash))}::text[]) AS h(id, hash)
        JOIN ${tableOf(payload, slugs.erasedAddresses)} e ON e.hash = h.hash
      ), campaign_lists AS (
        -- Each campaign's lists once per batch, not once per email.
        SELECT r.parent_id AS campaign_id, array_agg(r.${listColumn}) AS lists FROM ${campaignLists} r
        WHERE r.parent_id = ANY(${column('campaignId', 'int')}) AND r.path = 'audience.lists'
        GROUP BY r.parent_id
      ), verdicts AS (
        SELECT m.id, CASE
          WHEN m.id IN (SELECT id FROM erased) THEN ${suppressionReasons.erased}
          WHEN c.status = 'bounced' THEN ${suppressionReasons.bounced}
          WHEN c.status = 'complained' THEN ${suppressionReasons.complained}
          WHEN NOT ${isMarketingRow(options)} THEN NULL
          -- A marketing row without a contact fails in withUnsubscribeLinks: it cannot carry an unsubscribe link.
          WHEN c.id IS NULL THEN NULL
          WHEN c.status <> 'active' THEN ${suppressionReasons.unsubscribed}
          WHEN l.lists IS NOT NULL
            AND (SELECT 1 FROM ${tableOf(payload, slugs.subscriptions)} s
              WHERE s.contact_id = m.contact_id AND s.list_id = ANY(l.lists) AND s.status = 'subscribed' LIMIT 1) IS NULL
            THEN ${suppressionReasons.leftLists}
        END AS reason
        FROM unnest(${column('id', 'int')}, ${column('contactId', 'int')}, ${column('campaignId', 'int')},
          ${column('kind', 'text')}, ${column('stream', 'text')}) AS m(id, contact_id, campaign_id, kind, stream)
        -- LATERAL ... LIMIT and the scalar subquery above keep these per-row index lookups: with fresh
        -- statistics the planner would rather hash every contact and subscription for a 500-row batch.
        LEFT JOIN LATERAL (SELECT c.id, c.status FROM ${tableOf(payload, slugs.contacts)} c WHERE c.id = m.contact_id LIMIT 1) c ON true
        LEFT JOIN campaign_lists l ON l.campaign_id = m.campaign_id
      )
      SELECT id, reason FROM verdicts WHERE reason IS NOT NULL`
}

/**
 * The last check before the Postmark call, set-based for a claimed batch: a row ends
 * `suppressed` with its reason when its address is in the erased-addresses register, its contact
 * bounced or complained, or (marketing only) its contact is no longer active or, for a campaign
 * with lists, no longer subscribed to any of them. Transactional and 1:1 mail ignores marketing
 * unsubscribes. `beforeSuppressing` gets the emails about to be suppressed first (to write the
 * outbox rows of leased ones). Returns the rows still to send.
 */
export const suppressAtSendTime = async (
  payload: Payload,
  claimed: ClaimedMessage[],
  { beforeSuppressing }: { beforeSuppressing: (stopped: ClaimedMessage[]) => Promise<void> },
): Promise<{ ready: ClaimedMessage[]; suppressed: number }> => {
  if (claimed.length === 0) return { ready: claimed, suppressed: 0 }
  const options = pluginOptionsOf(payload)
  const messages = tableOf(payload, options.slugs.messages)
  // Read first, write only what must stop: the batch drives the plan (primary key lookups), never
  // the table's other `sending` rows, and a batch with nothing to stop costs one read.
  const verdicts = rowsOf<{ id: number; reason: string }>(
    await executePrepared(payload, verdictStatement(payload, claimed)),
  )
  if (verdicts.length === 0) return { ready: claimed, suppressed: 0 }
  const stopped = new Set(verdicts.map((verdict) => verdict.id))
  await beforeSuppressing(claimed.filter((message) => stopped.has(message.id)))
  const suppressed = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(sql`
      WITH v AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(verdicts)}::jsonb) AS v(id int, reason text)), changed AS (
        UPDATE ${messages} m
        SET status = 'suppressed', last_error = v.reason, lease_until = NULL, claimed_at = NULL, updated_at = now()
        FROM v WHERE m.id = v.id AND m.id = ANY(${arrayParam(verdicts.map((verdict) => verdict.id))}::int[]) AND m.status = 'sending'
        RETURNING m.id, ${countedColumns}
      ), counted AS (${fromSending(payload, 'changed')})
      SELECT id FROM changed`),
  )
  if (suppressed.length === 0) return { ready: claimed, suppressed: 0 }
  const gone = new Set(suppressed.map((row) => row.id))
  return { ready: claimed.filter((message) => !gone.has(message.id)), suppressed: gone.size }
}

import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ClaimedMessage } from './outboxTypes.js'

import { relsTableOf } from '../deals/relsTableOf.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { addressHash } from '../privacy/addressHash.js'
import { arrayParam, rowsOf, tableOf } from '../utilities/db.js'
import { isMarketingRow } from './marketingMessages.js'

export const suppressionReasons = {
  bounced: 'Suppressed at send time: the contact’s address hard-bounced.',
  complained: 'Suppressed at send time: the contact reported a spam complaint.',
  erased: 'Suppressed: the address was erased on a data-protection request.',
  leftLists: 'Suppressed at send time: the contact is no longer subscribed to any of the campaign’s lists.',
  unsubscribed: 'Suppressed at send time: the contact is no longer active (unsubscribed).',
} as const

/** The bare addresses of a `To` value such as `a@x.org, "B" <b@y.org>`. */
const addressesOf = (to: string): string[] =>
  to
    .split(',')
    .map((part) => /<([^>]+)>/.exec(part)?.[1] ?? part)
    .map((address) => address.trim())
    .filter(Boolean)

const snake = (value: string) => value.replace(/[^a-zA-Z0-9]+/g, '_').toLowerCase()

/**
 * The last check before the Postmark call, for a claimed batch in one statement: a row ends
 * `suppressed` with its reason when its address is in the erased-addresses register, its contact
 * bounced or complained, or (marketing only) its contact is no longer active or, for a campaign
 * with lists, no longer subscribed to any of them. Transactional and 1:1 mail ignores marketing
 * unsubscribes. Returns the rows still to send.
 */
export const suppressAtSendTime = async (payload: Payload, claimed: ClaimedMessage[]): Promise<{ ready: ClaimedMessage[]; suppressed: number }> => {
  if (claimed.length === 0) return { ready: claimed, suppressed: 0 }
  const options = pluginOptionsOf(payload)
  const { secret, slugs } = options
  const hashed = claimed.flatMap((message) => addressesOf(message.toAddress).map((address) => [message.id, addressHash(secret, address)] as const))
  const campaignLists = relsTableOf(payload, slugs.campaigns)
  const listColumn = sql.identifier(`${snake(slugs.lists)}_id`)
  const suppressed = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(sql`
      WITH erased AS (
        SELECT DISTINCT h.id FROM unnest(${arrayParam(hashed.map(([id]) => id))}::int[], ${arrayParam(hashed.map(([, hash]) => hash))}::text[]) AS h(id, hash)
        JOIN ${tableOf(payload, slugs.erasedAddresses)} e ON e.hash = h.hash
      ), verdicts AS (
        SELECT m.id, CASE
          WHEN m.id IN (SELECT id FROM erased) THEN ${suppressionReasons.erased}
          WHEN c.status = 'bounced' THEN ${suppressionReasons.bounced}
          WHEN c.status = 'complained' THEN ${suppressionReasons.complained}
          WHEN NOT ${isMarketingRow(options)} THEN NULL
          -- A marketing row without a contact fails in withUnsubscribeLinks: it cannot carry an unsubscribe link.
          WHEN c.id IS NULL THEN NULL
          WHEN c.status <> 'active' THEN ${suppressionReasons.unsubscribed}
          WHEN m.campaign_id IS NOT NULL
            AND EXISTS (SELECT 1 FROM ${campaignLists} r WHERE r.parent_id = m.campaign_id AND r.path = 'audience.lists')
            AND NOT EXISTS (
              SELECT 1 FROM ${campaignLists} r JOIN ${tableOf(payload, slugs.subscriptions)} s ON s.list_id = r.${listColumn}
              WHERE r.parent_id = m.campaign_id AND r.path = 'audience.lists' AND s.contact_id = m.contact_id AND s.status = 'subscribed')
            THEN ${suppressionReasons.leftLists}
        END AS reason
        FROM ${tableOf(payload, slugs.messages)} m LEFT JOIN ${tableOf(payload, slugs.contacts)} c ON c.id = m.contact_id
        WHERE m.id = ANY(${arrayParam(claimed.map((message) => message.id))}::int[])
      )
      UPDATE ${tableOf(payload, slugs.messages)} m
      SET status = 'suppressed', last_error = v.reason, lease_until = NULL, claimed_at = NULL, updated_at = now()
      FROM verdicts v WHERE m.id = v.id AND v.reason IS NOT NULL AND m.status = 'sending'
      RETURNING m.id`),
  )
  if (suppressed.length === 0) return { ready: claimed, suppressed: 0 }
  const gone = new Set(suppressed.map((row) => row.id))
  return { ready: claimed.filter((message) => !gone.has(message.id)), suppressed: gone.size }
}

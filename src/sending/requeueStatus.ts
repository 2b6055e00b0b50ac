import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { type SQL, tableOf } from '../utilities/db.js'

/**
 * The status of an outbox row `m` going back after a call Postmark did not accept: `failed` after
 * the last attempt; `held` or `cancelled` when its campaign was paused or cancelled while the row
 * was in flight (pausing only moves queued rows), so a retry never sends past a pause or a cancel;
 * else `queued`. The campaign row is read FOR SHARE: a pause, resume or cancel in progress (they
 * update it first) is waited for and its outcome read, so neither can move the campaign's rows
 * between our read and our write (a resume would leave these rows `held`, a pause `queued`).
 */
export const requeueStatus = (payload: Payload): SQL => {
  const options = pluginOptionsOf(payload)
  const campaigns = tableOf(payload, options.slugs.campaigns)
  return sql`(CASE
    WHEN m.attempts >= ${options.sending.maxAttempts} THEN 'failed'
    WHEN m.campaign_id IS NOT NULL THEN
      CASE (SELECT c.status::text FROM ${campaigns} c WHERE c.id = m.campaign_id FOR SHARE)
        WHEN 'paused' THEN 'held' WHEN 'cancelled' THEN 'cancelled' ELSE 'queued' END
    ELSE 'queued' END)::enum_em_message_status`
}

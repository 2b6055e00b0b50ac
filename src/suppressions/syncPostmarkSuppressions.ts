import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { ServerClient } from 'postmark'

import { pluginOptionsOf } from '../pluginContext.js'
import { arrayParam, rowsOf, tableOf } from '../utilities/db.js'

export type SuppressionSyncResult = { marked: number; released: number; suppressions: number }

const statusForReason = (reason: string): 'bounced' | 'complained' | 'unsubscribed' =>
  reason === 'HardBounce' ? 'bounced' : reason === 'SpamComplaint' ? 'complained' : 'unsubscribed'

const clientFor = (payload: Payload): ServerClient => {
  const { postmark } = pluginOptionsOf(payload)
  if (!postmark.serverToken)
    throw new Error('email-marketing: suppression sync needs postmark.serverToken.')
  const api = new URL(postmark.apiUrl)
  return new ServerClient(postmark.serverToken, {
    requestHost: api.host,
    timeout: postmark.timeoutMs / 1000,
    useHttps: api.protocol === 'https:',
  })
}

/**
 * Reads each synced stream's suppression list (the dump) and applies it in one statement per stream:
 * an active contact whose address Postmark suppresses takes the matching status. A manual suppression
 * (an unsubscribe) older than the contact's latest consent is lifted in Postmark instead, because the
 * contact has opted in again since; bounces and complaints are never lifted automatically.
 */
export const syncPostmarkSuppressions = async (
  payload: Payload,
): Promise<SuppressionSyncResult> => {
  const options = pluginOptionsOf(payload)
  const client = clientFor(payload)
  const contacts = tableOf(payload, options.slugs.contacts)
  const result: SuppressionSyncResult = { marked: 0, released: 0, suppressions: 0 }
  for (const stream of options.suppressions.streams) {
    const { Suppressions: entries } = await client.getSuppressions(stream)
    result.suppressions += entries.length
    if (entries.length === 0) continue
    const addresses = entries.map((entry) => entry.EmailAddress.trim().toLowerCase())
    const rows = rowsOf<{ email: string; outcome: 'marked' | 'released' }>(
      await payload.db.drizzle.execute(sql`
        WITH suppressed AS (
          SELECT * FROM unnest(${arrayParam(addresses)}::text[], ${arrayParam(entries.map((entry) => statusForReason(entry.SuppressionReason)))}::text[],
            ${arrayParam(entries.map((entry) => entry.SuppressionReason))}::text[], ${arrayParam(entries.map((entry) => entry.CreatedAt))}::timestamptz[])
            AS s(email, status, reason, created_at)
        ), released AS (
          SELECT c.email FROM ${contacts} c JOIN suppressed s ON s.email = c.email
          WHERE c.status = 'active' AND s.reason = 'ManualSuppression' AND c.consent_at > s.created_at
        ), marked AS (
          UPDATE ${contacts} c SET status = s.status::enum_em_contact_status,
            status_reason = 'Suppressed in Postmark (' || ${stream} || '): ' || s.reason, updated_at = now()
          FROM suppressed s
          WHERE s.email = c.email AND c.status = 'active' AND c.email NOT IN (SELECT email FROM released)
          RETURNING c.email
        )
        SELECT email, 'marked' AS outcome FROM marked UNION ALL SELECT email, 'released' FROM released
      `),
    )
    const released = rows.filter((row) => row.outcome === 'released').map((row) => row.email)
    if (released.length > 0) {
      await client.deleteSuppressions(stream, {
        Suppressions: released.map((EmailAddress) => ({ EmailAddress })),
      })
    }
    result.marked += rows.length - released.length
    result.released += released.length
  }
  return result
}

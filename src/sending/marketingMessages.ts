import { sql } from '@payloadcms/db-postgres'

import type { SanitizedEmailMarketingOptions } from '../types.js'
import type { SQL } from '../utilities/db.js'
import type { ClaimedMessage } from './outboxTypes.js'

import { marketingKinds } from './messageStatuses.js'

/**
 * Marketing mail: the marketing kinds, and anything on the broadcast stream whatever its kind. It
 * carries an unsubscribe link and List-Unsubscribe headers, and stops at a marketing unsubscribe.
 */
export const isMarketingMessage = (
  options: SanitizedEmailMarketingOptions,
  message: Pick<ClaimedMessage, 'kind' | 'stream'>,
): boolean =>
  (marketingKinds as readonly string[]).includes(message.kind) ||
  message.stream === options.postmark.broadcastStream

/** The same test on an outbox row `m` in SQL. */
export const isMarketingRow = (options: SanitizedEmailMarketingOptions): SQL =>
  sql`(m.kind::text IN (${sql.join(
    marketingKinds.map((kind) => sql`${kind}`),
    sql`, `,
  )}) OR m.stream = ${options.postmark.broadcastStream})`

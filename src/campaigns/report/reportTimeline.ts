import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { InvalidInputError } from '../../errors/InvalidInputError.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf } from '../../utilities/db.js'
import { tableOf } from '../../utilities/tables.js'

export const bucketSizes = ['hour', 'day'] as const

export type BucketSize = (typeof bucketSizes)[number]

export type TimelineBucket = {
  /** Start of the bucket, UTC, ISO 8601. */
  at: string
  bounced: number
  clicked: number
  complained: number
  delivered: number
  opened: number
}

export type ReportTimeline = { bucket: BucketSize; buckets: TimelineBucket[] }

/** More hourly points than a month's worth would make an unreadable chart and a large answer. */
const maxHourlyBuckets = 31 * 24
/** Hourly buckets when the events span at most three days, daily after that. */
const autoHourlyHours = 72

const chartedTypes = ['delivered', 'opened', 'clicked', 'bounced', 'complained'] as const

/**
 * Webhook events of the campaign per hour or day (UTC), every bucket from the first event to the
 * last included, empty ones as zeros. Without `bucket`, hours for a short span and days otherwise.
 */
export const reportTimeline = async (
  payload: Payload,
  campaignId: number,
  requested?: BucketSize,
): Promise<ReportTimeline> => {
  const { slugs } = pluginOptionsOf(payload)
  const messages = tableOf(payload, slugs.messages)
  const events = tableOf(payload, slugs.messageEvents)
  const campaignEvents = sql`FROM ${events} e JOIN ${messages} m ON m.id = e.message_id
    WHERE m.campaign_id = ${campaignId} AND e.type IN ('delivered', 'opened', 'clicked', 'bounced', 'softBounced', 'complained')`
  const [span] = rowsOf<{ hours: null | number }>(
    await payload.db.drizzle.execute(sql`
      SELECT (extract(epoch FROM date_trunc('hour', max(e.occurred_at) AT TIME ZONE 'UTC') - date_trunc('hour', min(e.occurred_at) AT TIME ZONE 'UTC')) / 3600)::int AS hours
      ${campaignEvents}`),
  )
  const hours = span?.hours ?? 0
  const bucket = requested ?? (hours <= autoHourlyHours ? 'hour' : 'day')
  if (bucket === 'hour' && hours + 1 > maxHourlyBuckets) {
    throw new InvalidInputError(
      `Hourly buckets cover at most ${maxHourlyBuckets / 24} days; this campaign's events span ${Math.ceil(hours / 24)} days: use bucket=day.`,
    )
  }
  if (span?.hours === null || span === undefined) return { bucket, buckets: [] }
  const counts = sql.join(
    chartedTypes.map(
      (type) => sql`count(b.type) FILTER (WHERE b.type = ${type})::int AS ${sql.identifier(type)}`,
    ),
    sql`, `,
  )
  const buckets = rowsOf<TimelineBucket>(
    await payload.db.drizzle.execute(sql`
      WITH b AS (SELECT date_trunc(${bucket}, e.occurred_at AT TIME ZONE 'UTC') AS at, replace(e.type::text, 'softBounced', 'bounced') AS type ${campaignEvents}),
        span AS (SELECT min(at) AS lo, max(at) AS hi FROM b)
      SELECT to_char(g.at, 'YYYY-MM-DD"T"HH24:00:00"Z"') AS at, ${counts}
      FROM span, generate_series(span.lo, span.hi, ${`1 ${bucket}`}::interval) AS g(at)
      LEFT JOIN b ON b.at = g.at
      GROUP BY g.at ORDER BY g.at`),
  )
  return { bucket, buckets }
}

import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'
import { retentionCursorTableName } from './retentionTables.js'

const task = 'messageBodies'

/**
 * Removes the bodies (HTML, text, template model, attachments) of one batch of messages older than
 * `retention.bodyDays` and stamps `bodyPrunedAt`. Message ids grow with time, so the batch walks
 * the primary key from a stored cursor and stops at the first message that is still young: no
 * extra index on the outbox, whose send path pays for every index. The cursor row is taken with
 * FOR UPDATE SKIP LOCKED, so one process walks at a time and the others skip this task.
 * Messages still waiting to go (queued, sending, held) keep their bodies. A row with no body (a
 * campaign email: it is rendered when claimed) is left alone: rewriting it would only write a new
 * version of it into every index of the outbox.
 * Returns how many messages were scanned (0 when nothing is old enough or another process holds it).
 */
export const pruneMessageBodies = async (payload: Payload): Promise<number> => {
  const { retention, slugs } = pluginOptionsOf(payload)
  if (retention.bodyDays === 0) return 0
  const messages = tableOf(payload, slugs.messages)
  const cursors = payload.db.tables[retentionCursorTableName] as unknown as SQL
  await payload.db.drizzle.execute(
    sql`INSERT INTO ${cursors} (task, last_id) VALUES (${task}, 0) ON CONFLICT (task) DO NOTHING`,
  )
  return payload.db.drizzle.transaction(async (tx) => {
    const [cursor] = rowsOf<{ last_id: number }>(
      await tx.execute(
        sql`SELECT last_id FROM ${cursors} WHERE task = ${task} FOR UPDATE SKIP LOCKED`,
      ),
    )
    if (!cursor) return 0
    const [row] = rowsOf<{ reached: null | number; scanned: number }>(
      await tx.execute(sql`
        WITH scan AS (
          SELECT id, created_at FROM ${messages} WHERE id > ${cursor.last_id}::int ORDER BY id LIMIT ${retention.batchSize}
        ), old AS (
          SELECT id FROM scan WHERE id < coalesce(
            (SELECT min(id) FROM scan WHERE created_at >= now() - make_interval(days => ${retention.bodyDays}::int)),
            2147483647)
        ), pruned AS (
          UPDATE ${messages} m SET html = NULL, text = NULL, template_model = NULL, attachments = NULL, body_pruned_at = now()
          FROM old WHERE m.id = old.id AND m.body_pruned_at IS NULL AND m.status NOT IN ('queued', 'sending', 'held')
            AND (m.html IS NOT NULL OR m.text IS NOT NULL OR m.template_model IS NOT NULL OR m.attachments IS NOT NULL)
          RETURNING m.id
        )
        SELECT (SELECT max(id) FROM old) AS reached, (SELECT count(*) FROM old)::int AS scanned,
          (SELECT count(*) FROM pruned)::int AS pruned`),
    )
    if (!row || row.reached === null) return 0
    await tx.execute(sql`UPDATE ${cursors} SET last_id = ${row.reached}::int WHERE task = ${task}`)
    return row.scanned
  })
}

import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'
import { processImport } from './processImport.js'
import { ImportLostError } from './writeChunk.js'

/**
 * Claims one import that is `pending`, or `running` with an expired lease (its worker died), so
 * exactly one worker in any process streams it; a resumed import continues after its checkpoint.
 */
export const claimImport = async (payload: Payload): Promise<null | number> => {
  const { imports, slugs } = pluginOptionsOf(payload)
  const jobs = tableOf(payload, slugs.contactImports)
  const [claimed] = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(sql`
      UPDATE ${jobs} SET status = 'running', started_at = COALESCE(started_at, now()),
        lease_until = now() + make_interval(secs => ${imports.leaseSeconds}), updated_at = now()
      WHERE id = (
        SELECT id FROM ${jobs}
        WHERE status = 'pending' OR (status = 'running' AND lease_until < now())
        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id`),
  )
  return claimed?.id ?? null
}

const markFailed = async (payload: Payload, importId: number, error: unknown) => {
  const { slugs } = pluginOptionsOf(payload)
  const message = error instanceof Error ? error.message : String(error)
  await payload.db.drizzle.execute(sql`
    UPDATE ${tableOf(payload, slugs.contactImports)} SET status = 'failed', error = ${message}, finished_at = now(),
      lease_until = NULL, updated_at = now()
    WHERE id = ${importId} AND status = 'running'`)
}

/** Runs claimed imports until none is left; returns how many it finished or failed. */
export const importTick = async (payload: Payload): Promise<number> => {
  let handled = 0
  for (
    let importId = await claimImport(payload);
    importId !== null;
    importId = await claimImport(payload)
  ) {
    handled += 1
    try {
      await processImport(payload, importId)
    } catch (error) {
      if (error instanceof ImportLostError) {
        payload.logger.warn({ msg: `email-marketing: ${error.message}` })
        continue
      }
      payload.logger.error({ err: error, msg: `email-marketing: import ${importId} failed` })
      await markFailed(payload, importId, error)
    }
  }
  return handled
}

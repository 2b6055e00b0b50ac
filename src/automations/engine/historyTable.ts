import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQLIdentifier } from '../../utilities/db.js'

/** The table of the enrollments' `history` array field (Payload names it `<collection table>_history`). */
export const historyTableOf = (payload: Payload, enrollmentsSlug: string): SQLIdentifier => {
  const collectionTable = payload.db.tableNameMap.get(
    enrollmentsSlug.replace(/[^a-zA-Z0-9]+/g, '_').toLowerCase(),
  )
  if (!collectionTable)
    throw new Error(`payload-plugin-email-marketing: no table for collection "${enrollmentsSlug}".`)
  return sql.identifier(`${collectionTable}_history`)
}

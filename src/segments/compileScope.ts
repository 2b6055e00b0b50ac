import type { SQL } from '../utilities/db.js'
import type { SegmentTables } from './segmentTables.js'

/** What every condition compiler needs: the contact row's alias, the tables and the clock. */
export interface CompileScope {
  contact: SQL
  messageId?: null | number
  now: SQL
  tables: SegmentTables
}

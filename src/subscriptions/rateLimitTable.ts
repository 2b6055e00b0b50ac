import type { BeforeSchemaHook } from '../utilities/schemaHooks.js'

/** The subscribe rate limiter's counters: one row per hashed key and window. */
export const rateLimitTableName = 'email_marketing_rate_limit_hits'

/**
 * Declares the counter table in Payload's raw schema (beforeSchemaInit), so dev pushes create it
 * and `payload migrate:create` writes it into a migration like every collection table. Built by
 * the adapter, it lands in the adapter's schema (`schemaName`) with the other tables.
 */
export const rateLimitTableHook: BeforeSchemaHook = ({ adapter, schema }) => {
  adapter.rawTables[rateLimitTableName] = {
    name: rateLimitTableName,
    columns: {
      hits: { name: 'hits', type: 'integer', notNull: true },
      key: { name: 'key', type: 'text', notNull: true },
      windowStart: {
        name: 'window_start',
        type: 'timestamp',
        mode: 'string',
        notNull: true,
        precision: 3,
        withTimezone: true,
      },
    },
    indexes: {
      keyWindow: {
        name: `${rateLimitTableName}_key_window_idx`,
        on: ['key', 'windowStart'],
        unique: true,
      },
      window: { name: `${rateLimitTableName}_window_idx`, on: 'windowStart' },
    },
  }
  return schema
}

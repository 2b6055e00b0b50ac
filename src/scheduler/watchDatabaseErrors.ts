import type { EventEmitter } from 'node:events'
import type { Payload } from 'payload'

type Pool = EventEmitter & { _clients?: EventEmitter[] }

/** Errors closer together than this are one burst (a restart drops every connection at once) and logged once. */
const burstGapMs = 10_000

const watched = new WeakSet<object>()

/**
 * Listens for `error` on the Postgres adapter's pool and on each of its clients. Without a listener,
 * Node turns an idle client's lost connection (a database restart, a failover) into an uncaught
 * exception that kills a process with no Next.js handler around it. A broken client is dropped by
 * the pool; the next query opens a new connection, and the query that was running fails and is retried
 * by its tick. Clients get a listener too: one checked out between two statements of a transaction
 * has no pool listener while it is out, and would otherwise throw the same way.
 */
export const watchDatabaseErrors = (payload: Payload): void => {
  const pool = (payload.db as { pool?: Pool }).pool
  if (!pool || watched.has(pool)) return
  watched.add(pool)
  let lastErrorAt = 0
  const onError = (error: Error & { code?: string }) => {
    const now = Date.now()
    if (now - lastErrorAt > burstGapMs) {
      payload.logger.warn({
        err: error,
        msg: `email-marketing: lost a Postgres connection (${error.code ? `${error.code}: ` : ''}${error.message}); the pool reconnects on the next query and the scheduler's ticks retry with back-off`,
      })
    }
    lastErrorAt = now
  }
  const watchClient = (client: EventEmitter) => {
    if (watched.has(client)) return
    watched.add(client)
    client.on('error', onError)
  }
  pool.on('error', onError)
  pool.on('connect', watchClient)
  for (const client of pool._clients ?? []) watchClient(client)
}

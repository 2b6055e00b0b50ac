import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { getPayload, type Payload } from 'payload'

import { createDevConfig } from '../../dev/config'
import {
  type FakePostmarkProcess,
  startFakePostmarkProcess,
} from '../../test/postmark/fakePostmarkProcess'
import { createBenchDatabase } from './benchDatabase'

export type BenchApp = {
  payload: Payload
  shutdown: () => Promise<void>
  target: FakePostmarkProcess
}

/** The folder of the compiled benches (bench/.build), where pushSchema.js sits next to this code. */
const buildDir = path.dirname(fileURLToPath(import.meta.url))

/** Pushes the dev schema to `databaseUrl` from a separate process (see pushSchema.ts). */
const pushSchema = (databaseUrl: string) => {
  const pushed = spawnSync(
    process.execPath,
    ['--conditions=development', path.join(buildDir, 'pushSchema.js'), databaseUrl],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  if (pushed.status !== 0) {
    throw new Error(
      `Pushing the schema to the bench database failed (${pushed.signal ?? `exit ${pushed.status}`}); its error is printed above.`,
    )
  }
}

/**
 * The dev config on a fresh database, sending to POSTMARK_API_URL or a local fake answering after
 * 100 ms, with the scheduler off so the bench drives every tick itself. The schema is pushed by
 * another process first, so this one boots as a production sender does (no drizzle-kit in memory).
 */
export const bootBenchApp = async (name: string): Promise<BenchApp> => {
  const database = await createBenchDatabase(name)
  try {
    pushSchema(database.url)
  } catch (error) {
    await database.cleanup()
    throw error
  }
  const target = await startFakePostmarkProcess({ keepBodies: false, latencyMs: 100 })
  const payload = await getPayload({
    config: createDevConfig({
      databaseUrl: database.url,
      plugin: {
        postmark: {
          apiUrl: target.url,
          serverToken: process.env.POSTMARK_SERVER_TOKEN ?? 'bench-token',
        },
        scheduler: { enabled: false },
      },
      push: false,
    }),
    key: `bench-${name}`,
  })
  payload.db.pool.on('error', () => {})
  return {
    payload,
    shutdown: async () => {
      await payload.destroy()
      target.stop()
      await database.cleanup()
    },
    target,
  }
}

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

/**
 * The dev config on a fresh database, sending to POSTMARK_API_URL or a local fake answering after
 * 100 ms, with the scheduler off so the bench drives every tick itself.
 */
export const bootBenchApp = async (name: string): Promise<BenchApp> => {
  const database = await createBenchDatabase(name)
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

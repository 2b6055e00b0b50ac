import testGlobalSetup from '../helpers/globalSetup'
import { createTestDatabase } from '../helpers/testDatabase'
import { startFakePostmarkProcess } from '../postmark/fakePostmarkProcess'
import { startAppServer } from './appServer'

/**
 * Postgres as for the integration tests, a fresh database, a Postmark-compatible server, and the
 * dev app (with its scheduler) built for production (`next build`, then `next start`) serving that
 * database and sending to that server. devServer.e2e.ts checks `next dev` separately.
 */
export default async function globalSetup(): Promise<void> {
  await testGlobalSetup()
  const database = await createTestDatabase(`e2e_${process.env.E2E_PORT ?? 3100}`)
  const postmark = await startFakePostmarkProcess({ useEnv: false })
  const port = Number(process.env.E2E_PORT ?? 3100)
  const server = await startAppServer({
    databaseUrl: database.url,
    mode: 'production',
    port,
    postmarkUrl: postmark.url,
  })
  process.env.E2E_APP_URL = server.url
  process.env.E2E_POSTMARK_URL = postmark.url
  process.env.E2E_DATABASE_URL = database.url
  Object.assign(globalThis, {
    __e2eDatabase: database,
    __e2ePostmark: postmark,
    __e2eServer: server,
  })
}

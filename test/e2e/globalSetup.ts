import testGlobalSetup from '../helpers/globalSetup'
import { createTestDatabase } from '../helpers/testDatabase'
import { startAppServer } from './appServer'

/** Postgres as for the integration tests, a fresh database, and the dev app serving it. */
export default async function globalSetup(): Promise<void> {
  await testGlobalSetup()
  const database = await createTestDatabase('e2e')
  const port = Number(process.env.E2E_PORT ?? 3100)
  const server = await startAppServer({ databaseUrl: database.url, port })
  process.env.E2E_APP_URL = server.url
  Object.assign(globalThis, { __e2eServer: server, __e2eDatabase: database })
}

import type { RunningPostgres } from '../../dev/database/embeddedPostgres'

import { dropSchemaTemplates } from './schemaTemplates'

export default async function globalTeardown(): Promise<void> {
  if (process.env.TEST_DATABASE_SERVER_URL) {
    await dropSchemaTemplates(process.env.TEST_DATABASE_SERVER_URL)
  }
  await (globalThis as { __embeddedPostgres?: RunningPostgres }).__embeddedPostgres?.stop()
}

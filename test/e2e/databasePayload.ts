import type { Payload } from 'payload'

import { getPayload } from 'payload'

import { createDevConfig } from '../../dev/config'

/**
 * Payload on the browser tests' database (the one the app server serves), without a scheduler
 * and without pushing the schema the app server already pushed: for reading what the UI wrote.
 */
export const databasePayload = async (): Promise<Payload> => {
  const databaseUrl = process.env.E2E_DATABASE_URL
  if (!databaseUrl)
    throw new Error('E2E_DATABASE_URL is not set: run browser tests with npm run test:e2e.')
  const config = await createDevConfig({
    databaseUrl,
    plugin: { scheduler: { enabled: false } },
    push: false,
  })
  return getPayload({ config, key: 'e2e-database' })
}

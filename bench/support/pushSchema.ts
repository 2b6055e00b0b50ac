import { getPayload } from 'payload'

import { createDevConfig } from '../../dev/config'

/**
 * `node bench/.build/pushSchema.js <databaseUrl>`: pushes the dev config's schema to a bench
 * database and exits. Benches run it in a process of its own, so the process they measure boots
 * like a production sender: on a database whose schema is already there, without drizzle-kit.
 */
const databaseUrl = process.argv[2]
if (!databaseUrl) {
  console.error('Usage: node bench/.build/pushSchema.js <databaseUrl>')
  process.exit(2)
}
const payload = await getPayload({
  config: createDevConfig({ databaseUrl, plugin: { scheduler: { enabled: false } } }),
  key: 'bench-push-schema',
})
await payload.destroy()
process.exit(0)

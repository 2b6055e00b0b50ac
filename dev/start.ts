/**
 * `npm run dev`: finds or starts Postgres, pushes the schema and seeds demo data once, then runs
 * `next dev` on the dev app and prints where to log in. With NEXT_MODE=production it builds the
 * app and runs `next start` instead (the board bench measures what users get).
 */
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { getPayload } from 'payload'

import { createDevConfig } from './config'
import { resolveDatabase } from './database/resolveDatabase'
import { demoLogin, seedDemoData } from './seed'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const port = Number(process.env.PORT ?? 3000)

const database = await resolveDatabase({
  dataDir: path.join(dirname, '.data'),
  database: 'email_marketing_dev',
  port: 54329,
})
console.log(
  database.embedded
    ? `Embedded Postgres running (data in dev/.data): ${database.url}`
    : `Using DATABASE_URL: ${database.url}`,
)
process.env.DATABASE_URL = database.url

const payload = await getPayload({
  config: createDevConfig({ plugin: { scheduler: { enabled: false } } }),
})
payload.db.pool.on('error', () => {})
const seeded = await seedDemoData(payload)
console.log(
  seeded
    ? 'Seeded demo data: 3 lists, 1,000 contacts, an admin user.'
    : 'Demo data already present; not seeding again.',
)
await payload.destroy()

const adminUrl = `http://localhost:${port}/admin`
const nextBin = path.resolve(dirname, '../node_modules/next/dist/bin/next')
const production = process.env.NEXT_MODE === 'production'
if (production) {
  const build = spawnSync(process.execPath, [nextBin, 'build', dirname, '--webpack'], {
    env: process.env,
    stdio: 'inherit',
  })
  if (build.status !== 0) {
    await database.stop()
    process.exit(build.status ?? 1)
  }
}
const next = spawn(
  process.execPath,
  [
    nextBin,
    production ? 'start' : 'dev',
    dirname,
    ...(production ? [] : ['--webpack']),
    '--port',
    String(port),
  ],
  {
    env: process.env,
    stdio: 'inherit',
  },
)

const banner = () =>
  console.log(`\n  Admin:    ${adminUrl}\n  Login:    ${demoLogin.email} / ${demoLogin.password}\n`)

/** The first request compiles the admin; print the login once it answers. */
const waitForAdmin = async () => {
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      const response = await fetch(`${adminUrl}/login`)
      if (response.status < 500) {
        banner()
        return
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}
banner()
void waitForAdmin()

const shutdown = async (code: number) => {
  next.kill('SIGTERM')
  await database.stop()
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))
next.on('exit', (code) => void shutdown(code ?? 0))

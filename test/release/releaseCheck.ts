/**
 * `npm run test:release`: the package as a site owner gets it. Builds and packs the plugin,
 * installs the tarball into a scratch Payload 3 app outside the repo, generates the import map,
 * builds and starts the app for production, creates the first user, logs in and opens every plugin
 * collection and the deal board in Chromium with no console errors. RELEASE_CHECK_BUILT=true skips
 * the build when CI has just run it; the output of each step is in test/.logs/release-check.log.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

import { dropDatabase, ensureDatabase, withDatabase } from '../../dev/database/ensureDatabase'
import { launchBrowser } from '../e2e/browser'
import { collectPageErrors, navCollections, openAdminPage } from './adminPages'
import { openLog, run, startServer, waitForHttp } from './processes'
import { writeScratchApp } from './scratchApp'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const serverUrl = process.env.DATABASE_URL
if (!serverUrl) {
  throw new Error(
    'DATABASE_URL is not set: the release check needs a Postgres server to create its database on.',
  )
}
const port = Number(process.env.RELEASE_PORT ?? 3150)
const appUrl = `http://localhost:${port}`
const log = openLog(path.join(root, 'test/.logs/release-check.log'))
const started = Date.now()
const step = (name: string) =>
  console.log(`release check: ${name} (${Math.round((Date.now() - started) / 1000)}s)`)

const database = `em_release_${process.pid}`
const scratch = mkdtempSync(path.join(os.tmpdir(), 'em-release-'))
const env = {
  ...process.env,
  DATABASE_URL: withDatabase(serverUrl, database),
  EMAIL_MARKETING_SECRET: 'release-check-secret-with-enough-length',
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_OPTIONS: '',
  PAYLOAD_SECRET: 'release-check-payload-secret',
}
const bin = (name: string) => path.join(scratch, 'node_modules/.bin', name)
const admin = { email: 'release@example.com', password: 'release-check-password' }

const importMapFile = () => path.join(scratch, 'app/(payload)/admin/importMap.js')

/**
 * `payload generate:importmap`, checked: on a busy machine Payload's CLI sometimes exits 0 before
 * its TypeScript loader has run the command (no output, no file), so a run that wrote nothing is
 * retried twice.
 */
const generateImportMap = async () => {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const output = await run(bin('payload'), ['generate:importmap'], { cwd: scratch, env, log })
    if (
      readFileSync(importMapFile(), 'utf8').includes("from 'payload-plugin-email-marketing/client'")
    ) {
      return
    }
    console.log(
      `release check: generate:importmap attempt ${attempt} wrote no import map (output: ${JSON.stringify(output)})`,
    )
  }
  throw new Error(
    `payload generate:importmap left the import map without the plugin's components:\n${readFileSync(importMapFile(), 'utf8')}`,
  )
}

const migrationFiles = () => {
  const folder = path.join(scratch, 'migrations')
  return existsSync(folder)
    ? readdirSync(folder).filter((file) => file.endsWith('.ts') && file !== 'index.ts')
    : []
}

/**
 * `payload migrate:create`, checked the same way: a run that wrote no migration would let
 * `payload migrate` apply nothing and the app boot on an empty database.
 */
const createMigration = async () => {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const output = await run(bin('payload'), ['migrate:create', 'initial'], {
      cwd: scratch,
      env,
      log,
    })
    if (migrationFiles().length > 0) return
    console.log(
      `release check: migrate:create attempt ${attempt} wrote no migration (output: ${JSON.stringify(output)})`,
    )
  }
  throw new Error(
    `payload migrate:create wrote no migration into ${path.join(scratch, 'migrations')}`,
  )
}

/** How many migrations `payload migrate` recorded in the scratch app's database (0 before the first). */
const appliedMigrations = async (): Promise<number> => {
  const client = new pg.Client({ connectionString: env.DATABASE_URL })
  await client.connect()
  try {
    const { rows } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_name = 'payload_migrations'`,
    )
    if (rows[0].count === 0) return 0
    return (
      await client.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM payload_migrations WHERE name <> 'dev'`,
      )
    ).rows[0].count
  } finally {
    await client.end()
  }
}

/**
 * `payload migrate`, checked the same way: a run that exits 0 having applied nothing (seen on a
 * busy machine) would let the app boot on an empty database.
 */
const applyMigrations = async () => {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const output = await run(bin('payload'), ['migrate'], { cwd: scratch, env, log })
    if ((await appliedMigrations()) > 0) return
    console.log(
      `release check: migrate attempt ${attempt} applied no migration (output: ${JSON.stringify(output)})`,
    )
  }
  throw new Error(`payload migrate applied none of ${migrationFiles().join(', ')}`)
}

const check = async () => {
  if (process.env.RELEASE_CHECK_BUILT !== 'true') {
    step('npm run build')
    await run('npm', ['run', 'build'], { cwd: root, log })
  }
  step('npm pack')
  const packed = await run('npm', ['pack', '--json', '--pack-destination', scratch], {
    cwd: root,
    log,
  })
  const tarball = path.join(scratch, (JSON.parse(packed) as { filename: string }[])[0].filename)
  writeScratchApp(scratch, tarball)

  step(`npm install in ${scratch}`)
  await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel=error',
    ],
    { cwd: scratch, env, log },
  )
  await dropDatabase(serverUrl, database)
  await ensureDatabase(serverUrl, database)

  step('payload generate:importmap')
  await generateImportMap()
  step('payload migrate:create and migrate')
  await createMigration()
  await applyMigrations()
  step('next build')
  await run(bin('next'), ['build'], { cwd: scratch, env: { ...env, NODE_ENV: 'production' }, log })

  step('next start')
  const server = startServer(bin('next'), ['start', '--port', String(port)], {
    cwd: scratch,
    env: { ...env, NODE_ENV: 'production' },
    log,
  })
  const browser = await launchBrowser()
  try {
    await waitForHttp(`${appUrl}/admin/login`, server, 120_000)
    const registered = await fetch(`${appUrl}/api/users/first-register`, {
      body: JSON.stringify({ ...admin, 'confirm-password': admin.password }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    if (!registered.ok) {
      throw new Error(
        `Creating the first user answered ${registered.status}: ${await registered.text()}`,
      )
    }

    step('Chromium: log in, open every plugin collection and the deal board')
    const page = await browser.newPage({ viewport: { height: 900, width: 1440 } })
    const errors = collectPageErrors(page)
    await page.goto(`${appUrl}/admin/login`)
    await page.fill('#field-email', admin.email)
    await page.fill('#field-password', admin.password)
    await page.click('button[type="submit"]')
    await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 })
    await page.locator('nav a[href*="/admin/collections/"]').first().waitFor({ state: 'attached' })
    const collections = await navCollections(page)
    if (collections.length < 10) {
      throw new Error(`Expected the plugin's collections, found only: ${collections.join(', ')}`)
    }
    for (const slug of collections) {
      await openAdminPage(page, `${appUrl}/admin/collections/${slug}`, '.collection-list')
    }
    await openAdminPage(page, `${appUrl}/admin/deal-board`, '.deal-board')
    if (errors.length) throw new Error(`The admin logged errors:\n${errors.join('\n')}`)
    step(`opened ${collections.length} collections and the deal board without errors`)
  } finally {
    await browser.close()
    server.stop()
  }
}

try {
  await check()
  step('passed')
} catch (error) {
  console.error(`release check failed: ${error instanceof Error ? error.stack : String(error)}`)
  console.error(`The steps' output is in ${log.file}; the scratch app is in ${scratch}.`)
  process.exitCode = 1
} finally {
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await dropDatabase(serverUrl, database)
  if (process.exitCode !== 1) rmSync(scratch, { force: true, recursive: true })
}

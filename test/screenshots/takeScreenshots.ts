/**
 * `npm run screenshots`: starts the dev app as the browser tests do (production build, fresh
 * database with the demo data, a Postmark-compatible server), adds a sent campaign, an active
 * automation and a list member so every panel has numbers, then writes PNGs of the dashboard, a
 * list's members and a contact's profile at 1440×900 and 390×844 into docs/screenshots/.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

import { appUrl, launchBrowser, logIn } from '../e2e/browser'
import { startAppServer, stopAppServer } from '../e2e/appServer'
import globalSetup from '../helpers/globalSetup'
import globalTeardown from '../helpers/globalTeardown'
import { tableNames } from '../helpers/slugs'
import { createTestDatabase } from '../helpers/testDatabase'
import { startFakePostmarkProcess } from '../postmark/fakePostmarkProcess'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const outDir = path.join(root, 'docs/screenshots')
const viewports = [
  { height: 900, name: 'desktop', width: 1440 },
  { height: 844, name: 'phone', width: 390 },
]

/** A campaign sent yesterday with opens, clicks, a bounce and a complaint, and an automation in use. */
const seedActivity = async (db: pg.Pool) => {
  const t = (key: keyof typeof tableNames) => `"${tableNames[key]}"`
  const campaign = (
    await db.query<{ id: number }>(`
      INSERT INTO ${t('campaigns')} (name, subject, status, fan_out_started_at, created_at, updated_at)
      VALUES ('December newsletter', 'What is new in December', 'sent', now() - interval '1 day', now(), now()) RETURNING id`)
  ).rows[0]!.id
  await db.query(
    `INSERT INTO ${t('messages')} (kind, status, stream, campaign_id, contact_id, to_address, from_address, subject, priority, attempts,
       sent_at, events_opened_at, events_clicked_at, events_open_count, events_click_count, created_at, updated_at)
     SELECT 'campaign', CASE WHEN n = 7 THEN 'bounced' WHEN n = 9 THEN 'complained' ELSE 'delivered' END::enum_em_message_status,
       'broadcast', $1, c.id, c.email, 'news@example.com', 'What is new in December', 1, 1, now() - interval '1 day',
       CASE WHEN n % 3 = 0 THEN now() END, CASE WHEN n % 9 = 0 THEN now() END, 0, 0, now(), now()
     FROM (SELECT id, email, row_number() OVER (ORDER BY id) AS n FROM ${t('contacts')}) c WHERE n <= 600`,
    [campaign],
  )
  const automation = (
    await db.query<{ id: number }>(`
      INSERT INTO ${t('automations')} (name, status, created_at, updated_at)
      VALUES ('Welcome series', 'active', now(), now()) RETURNING id`)
  ).rows[0]!.id
  await db.query(
    `INSERT INTO ${t('enrollments')} (automation_id, contact_id, status, step_path, next_run_at, created_at, updated_at)
     SELECT $1, id, 'waiting', '1', now() + interval '2 days', now(), now() FROM ${t('contacts')} ORDER BY id LIMIT 42`,
    [automation],
  )
}

const shoot = async (baseUrl: string, contactId: number, listId: number) => {
  const browser = await launchBrowser()
  try {
    for (const viewport of viewports) {
      const page = await browser.newPage({ viewport })
      page.setDefaultTimeout(60_000)
      await logIn(page)
      const pages = [
        ['dashboard', '/admin', 'email-marketing-dashboard'],
        ['list-members', `/admin/collections/lists/${listId}`, 'list-member'],
        ['contact-profile', `/admin/collections/contacts/${contactId}`, 'contact-overview'],
      ] as const
      for (const [name, urlPath, testId] of pages) {
        await page.goto(`${baseUrl}${urlPath}`)
        await page.getByTestId(testId).first().waitFor()
        await page.waitForLoadState('networkidle')
        await page.screenshot({ path: path.join(outDir, `${name}-${viewport.name}.png`) })
      }
      await page.close()
    }
  } finally {
    await browser.close()
  }
}

const main = async () => {
  mkdirSync(outDir, { recursive: true })
  await globalSetup()
  const port = Number(process.env.SCREENSHOT_PORT ?? 3200)
  const database = await createTestDatabase(`screenshots_${port}`)
  const postmark = await startFakePostmarkProcess({ useEnv: false })
  const server = await startAppServer({
    databaseUrl: database.url,
    mode: 'production',
    port,
    postmarkUrl: postmark.url,
  })
  process.env.E2E_APP_URL = server.url
  const db = new pg.Pool({ connectionString: database.url, max: 2 })
  try {
    await seedActivity(db)
    const { contactId, listId } = (
      await db.query<{ contactId: number; listId: number }>(
        `SELECT s.contact_id AS "contactId", s.list_id AS "listId" FROM "${tableNames.subscriptions}" s
         JOIN "${tableNames.enrollments}" e ON e.contact_id = s.contact_id ORDER BY s.contact_id LIMIT 1`,
      )
    ).rows[0]!
    await shoot(appUrl(), contactId, listId)
    console.log(`Screenshots written to ${path.relative(root, outDir)}/`)
  } finally {
    await db.end()
    stopAppServer(server)
    postmark.stop()
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await database.drop().catch(() => {})
    await globalTeardown()
  }
}

await main()

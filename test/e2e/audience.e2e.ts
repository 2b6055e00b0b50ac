import type pg from 'pg'
import type { Browser, Page } from 'playwright-core'

import { slugs, tableNames } from '../helpers/slugs'
import { appUrl, launchBrowser, logIn } from './browser'
import { countOf, openE2eDatabase } from './database'

let browser: Browser
let page: Page
let db: pg.Pool
let listId: number
let tagId: number

const contacts = `"${tableNames.contacts}"`
const contactRels = `"${tableNames.contacts}_rels"`

beforeAll(async () => {
  db = openE2eDatabase()
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { height: 900, width: 1440 } })
  page.setDefaultTimeout(60_000)
  await logIn(page)
  // 500 contacts only an address filter selects, a list with one of them, and a tag to add.
  await db.query(`
    INSERT INTO ${contacts} (email, status, created_at, updated_at)
    SELECT 'bulk-e2e-' || i || '@example.com', 'active', now(), now() FROM generate_series(1, 500) AS i`)
  listId = (
    await db.query<{ id: number }>(
      `INSERT INTO "${tableNames.lists}" (name, slug, double_opt_in, public, created_at, updated_at)
       VALUES ('E2E members', 'e2e-members', false, false, now(), now()) RETURNING id`,
    )
  ).rows[0]!.id
  await db.query(
    `INSERT INTO "${tableNames.subscriptions}" (contact_id, list_id, status, subscribed_at, created_at, updated_at)
     SELECT id, $1, 'subscribed', now(), now(), now() FROM ${contacts} WHERE email LIKE 'bulk-e2e-%' ORDER BY id LIMIT 30`,
    [listId],
  )
  tagId = (
    await db.query<{ id: number }>(
      `INSERT INTO "${tableNames.tags}" (name, created_at, updated_at) VALUES ('e2e-bulk', now(), now()) RETURNING id`,
    )
  ).rows[0]!.id
})

afterAll(async () => {
  await browser?.close()
  await db?.end()
})

/** Waits until `check` holds (the bulk action answers before the page reloads). */
const until = async (check: () => Promise<boolean>, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Still not true after ${timeoutMs} ms.`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** Picks `label` in the @payloadcms/ui SelectInput whose path is `path`. */
const choose = async (path: string, label: string) => {
  await page.locator(`#field-${path} .rs__control`).click()
  await page.locator('.rs__option', { hasText: label }).first().click()
}

it('shows dashboard numbers equal to the database', async () => {
  await page.goto(`${appUrl()}/admin`)
  await page.getByTestId('email-marketing-dashboard').waitFor()
  const total = await countOf(db, `SELECT count(*) FROM ${contacts}`)
  expect(await page.getByTestId('dashboard-contacts-total').textContent()).toBe(
    total.toLocaleString('en'),
  )
  for (const status of ['active', 'unsubscribed', 'bounced', 'complained']) {
    const expected = await countOf(db, `SELECT count(*) FROM ${contacts} WHERE status = $1`, [
      status,
    ])
    expect(await page.getByTestId(`dashboard-contacts-${status}`).textContent()).toBe(
      expected.toLocaleString('en'),
    )
  }
  const sent = await countOf(
    db,
    `SELECT count(*) FROM "${tableNames.messages}" WHERE status IN ('sent', 'captured', 'delivered', 'bounced', 'complained') AND sent_at >= now() - interval '30 days'`,
  )
  expect(await page.getByTestId('dashboard-sent-30d').textContent()).toBe(sent.toLocaleString('en'))
})

it("finds a contact by email in a list's members view", async () => {
  await page.goto(`${appUrl()}/admin/collections/${slugs.lists}/${listId}`)
  await page.getByTestId('list-members').waitFor()
  await page.getByText('Members (30)').waitFor()
  const email = (
    await db.query<{ email: string }>(
      `SELECT c.email FROM ${contacts} c JOIN "${tableNames.subscriptions}" s ON s.contact_id = c.id
       WHERE s.list_id = $1 ORDER BY c.id DESC LIMIT 1`,
      [listId],
    )
  ).rows[0]!.email
  await page.fill('#field-memberSearch', email)
  await page.getByText('Members (1)').waitFor()
  const rows = page.getByTestId('list-member')
  expect(await rows.count()).toBe(1)
  expect(await rows.first().textContent()).toContain(email)
})

it('adds a tag to every one of the 500 contacts a filter matches, after confirming the count', async () => {
  await page.goto(`${appUrl()}/admin/collections/${slugs.contacts}`)
  await page.getByTestId('contacts-toolbar').waitFor()
  await page.fill('#field-filterSearch', 'bulk-e2e-')
  await choose('bulkTarget', 'e2e-bulk')
  await page.getByRole('button', { name: 'Review' }).click()
  const confirm = page.getByTestId('bulk-confirm')
  await confirm.waitFor()
  expect(await confirm.textContent()).toContain('500 contacts')
  // After the action the toolbar reloads the page; the next test's navigation must not race that reload.
  const reloaded = page.waitForEvent('load')
  await page.getByRole('button', { name: 'Confirm for 500 contacts' }).click()
  await until(
    async () =>
      (await countOf(
        db,
        `SELECT count(*) FROM ${contactRels} WHERE path = 'tags' AND tags_id = $1`,
        [tagId],
      )) === 500,
  )
  expect(
    await countOf(
      db,
      `SELECT count(*) FROM ${contactRels} r JOIN ${contacts} c ON c.id = r.parent_id
       WHERE r.path = 'tags' AND r.tags_id = $1 AND c.email LIKE 'bulk-e2e-%'`,
      [tagId],
    ),
  ).toBe(500)
  await reloaded
  // The result is still said after the reload that shows it.
  await page
    .locator('[data-sonner-toast]', { hasText: 'Done: 500 of 500 contacts changed.' })
    .waitFor()
})

it("shows a contact's lists, with status and consent, at the top of its page", async () => {
  const member = (
    await db.query<{ id: number }>(
      `SELECT contact_id AS id FROM "${tableNames.subscriptions}" WHERE list_id = $1 ORDER BY contact_id LIMIT 1`,
      [listId],
    )
  ).rows[0]!.id
  await page.goto(`${appUrl()}/admin/collections/${slugs.contacts}/${member}`)
  const membership = page.getByTestId('contact-membership')
  await membership.waitFor()
  const text = await membership.textContent()
  expect(text).toContain('E2E members')
  expect(text).toContain('subscribed')
  expect(text).toContain('no consent recorded')
  // The overview comes before the contact's fields.
  const overviewTop = (await page.getByTestId('contact-overview').boundingBox())!.y
  const emailTop = (await page.locator('#field-email').boundingBox())!.y
  expect(overviewTop).toBeLessThan(emailTop)
})

it('never scrolls sideways at 390 px on the dashboard, a list, the contacts list and a contact', async () => {
  const phone = await browser.newPage({ viewport: { height: 844, width: 390 } })
  try {
    await logIn(phone)
    for (const path of [
      '/admin',
      `/admin/collections/${slugs.lists}/${listId}`,
      `/admin/collections/${slugs.contacts}`,
    ]) {
      await phone.goto(`${appUrl()}${path}`)
      await phone.waitForLoadState('networkidle')
      const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect({ overflow, path }).toEqual({ overflow: 0, path })
    }
  } finally {
    await phone.close()
  }
})

import type { Browser, Page } from 'playwright-core'

import { appUrl, launchBrowser, logIn, restFromPage } from './browser'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
  page.setDefaultTimeout(120_000)
})

afterAll(async () => {
  await browser?.close()
})

const api = (method: string, path: string, body?: unknown) => restFromPage(page, method, path, body)

const addBlock = async (field: 'steps' | 'triggers', addLabel: string, blockLabel: string) => {
  await page.locator(`#field-${field} button`, { hasText: addLabel }).last().click()
  const drawer = page.locator('.drawer--is-open').last()
  await drawer.locator('button', { hasText: blockLabel }).first().click()
  // Payload renders a block's fields only once the row is near the viewport; the new row sits just
  // above the add button, which can be far below on a long form.
  await page
    .locator(`#field-${field} button`, { hasText: addLabel })
    .last()
    .scrollIntoViewIfNeeded()
}

/**
 * Fills a field of block row `index`: the row's fields arrive from the server after the block is
 * added and render only once the row is in the viewport, so bring the row into view and wait.
 */
const fillBlockField = async (field: 'steps', index: number, name: string, value: string) => {
  await page.locator(`#${field}-row-${index}`).scrollIntoViewIfNeeded()
  const input = page.locator(`#field-${field}__${index}__${name}`)
  await input.waitFor({ state: 'visible' })
  await input.scrollIntoViewIfNeeded()
  await input.fill(value)
}

const stepCount = async (path: string, kind: 'passed' | 'waiting') =>
  Number(
    (
      (await page
        .locator(`.automation-flow__step[data-path="${path}"] .automation-flow__${kind}`)
        .textContent()) ?? ''
    ).replace(/[^\d]/g, ''),
  )

it('builds a three-step automation, activates it, subscribes a contact and shows per-step counts in the flow view', async () => {
  await page.goto(`${appUrl()}/admin/login`, { timeout: 300_000 })
  await logIn(page)
  const name = `Browser welcome ${Date.now()}`
  await page.goto(`${appUrl()}/admin/collections/automations/create`, { timeout: 300_000 })
  // The dev server compiles the edit view (with every step block's editor) on first request.
  await page.locator('#field-name').waitFor({ timeout: 300_000 })
  await page.fill('#field-name', name)

  await addBlock('triggers', 'Add Trigger', 'Subscribed to list')
  await addBlock('steps', 'Add Step', 'Send email')
  await fillBlockField('steps', 0, 'subject', 'Welcome {{ contact.firstName }}')
  await addBlock('steps', 'Add Step', 'Wait')
  await addBlock('steps', 'Add Step', 'Send email')
  await fillBlockField('steps', 2, 'subject', 'Day two')
  await page.click('#action-save')
  await page.waitForURL(/\/admin\/collections\/automations\/\d+/)
  const automationId = Number(new URL(page.url()).pathname.split('/').pop())

  // The flow view draws the three steps from the blocks.
  await page.locator('.automation-flow__step[data-path="2"]').waitFor()
  expect(await page.locator('.automation-flow__step').count()).toBe(3)

  // Activate.
  await page.locator('#field-status').click()
  await page.locator('.rs__option', { hasText: 'Active' }).click()
  await page.click('#action-save')
  let saved = await api('GET', `/api/automations/${automationId}?depth=0`)
  for (let attempt = 0; saved.status !== 'active' && attempt < 120; attempt++) {
    await page.waitForTimeout(500)
    saved = await api('GET', `/api/automations/${automationId}?depth=0`)
  }
  expect(saved).toMatchObject({ name, status: 'active' })

  // Subscribe a contact to any list: the subscription hook enrolls it, the dev server's scheduler runs the engine.
  const { docs: lists } = await api('GET', '/api/lists?limit=1&depth=0')
  const contact = await api('POST', '/api/contacts', {
    email: `flow-${Date.now()}@example.com`,
    firstName: 'Flow',
  })
  await api('POST', '/api/subscriptions', {
    contact: contact.doc.id,
    list: lists[0].id,
    status: 'subscribed',
  })

  // The counts refresh every few seconds: the email step passed, the contact waits at the wait step.
  await page.reload()
  await page.waitForFunction(
    () =>
      document
        .querySelector('.automation-flow__step[data-path="1"] .automation-flow__waiting')
        ?.textContent?.startsWith('1 '),
    undefined,
    { timeout: 120_000 },
  )
  expect(await stepCount('0', 'passed')).toBe(1)
  expect(await stepCount('1', 'waiting')).toBe(1)
  expect(await stepCount('2', 'passed')).toBe(0)
}, 900_000)

import type { Browser, Page } from 'playwright-core'

import { appUrl, launchBrowser, logIn } from './browser'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
  page.setDefaultTimeout(60_000)
})

afterAll(async () => {
  await browser?.close()
})

it('logs in, opens Contacts, creates a contact and finds it in the list', async () => {
  await logIn(page)
  await page.goto(`${appUrl()}/admin/collections/contacts`)
  await page.locator('.table tbody tr').first().waitFor()
  expect(await page.locator('.table tbody tr').count()).toBeGreaterThan(1)

  const email = `browser-${Date.now()}@example.com`
  await page.goto(`${appUrl()}/admin/collections/contacts/create`)
  await page.fill('#field-email', `  ${email.toUpperCase()} `)
  await page.fill('#field-firstName', 'Browser')
  await page.click('#action-save')
  await page.waitForURL(/\/admin\/collections\/contacts\/\d+/)

  await page.goto(`${appUrl()}/admin/collections/contacts?search=${encodeURIComponent(email)}`)
  const row = page.locator('.table tbody tr', { hasText: email })
  await row.waitFor()
  expect(await row.count()).toBe(1)
  expect(await row.textContent()).toContain('Browser')
})

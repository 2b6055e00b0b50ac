import type { Browser, Page } from 'playwright-core'

import { appUrl, launchBrowser, logIn } from './browser'
import { acceptedMessages, waitForMessage } from './fakePostmarkClient'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
  page.setDefaultTimeout(180_000)
  await logIn(page)
}, 600_000)

afterAll(async () => {
  await browser?.close()
})

/** REST calls from the admin page itself, with the logged-in admin's cookie. */
const api = async <T>(path: string, data: unknown): Promise<T> => {
  const result = await page.evaluate(
    async ({ body, url }) => {
      const response = await fetch(url, {
        body: JSON.stringify(body),
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        method: 'POST',
      })
      return { status: response.status, text: await response.text() }
    },
    { body: data, url: `${appUrl()}/api${path}` },
  )
  if (result.status >= 300) throw new Error(`POST ${path}: HTTP ${result.status} ${result.text}`)
  return (JSON.parse(result.text) as { doc: T }).doc
}

it('creates, previews, tests and schedules a campaign; the scheduler sends one email per eligible contact; progress and stats show', async () => {
  const run = Date.now()
  const listName = `Campaign readers ${run}`
  const list = await api<{ id: number }>('/lists', { name: listName })
  const eligible: string[] = []
  for (let index = 0; index < 6; index += 1) {
    const email = `camp-${run}-${index}@example.com`
    const contact = await api<{ id: number }>('/contacts', { email, firstName: `Reader${index}` })
    await api('/subscriptions', { contact: contact.id, list: list.id, status: 'subscribed' })
    eligible.push(email)
  }
  const pending = await api<{ id: number }>('/contacts', {
    email: `camp-${run}-pending@example.com`,
  })
  await api('/subscriptions', { contact: pending.id, list: list.id, status: 'pending' })
  const left = await api<{ id: number }>('/contacts', { email: `camp-${run}-left@example.com` })
  await api('/subscriptions', { contact: left.id, list: list.id, status: 'unsubscribed' })

  const subject = `Spring news ${run} for {{ contact.firstName }}`
  await page.goto(`${appUrl()}/admin/collections/campaigns/create`)
  await page.fill('#field-name', `Spring ${run}`)
  await page.fill('#field-subject', subject)
  await page.locator('.rich-text-lexical [contenteditable="true"]').first().click()
  await page.keyboard.type('Hello {{ contact.firstName }}, spring is here.')
  const listsField = page
    .locator('#field-audience__lists .rs__control')
    .or(
      page
        .locator('.field-type.relationship', { has: page.locator('label', { hasText: /^Lists/ }) })
        .locator('.rs__control'),
    )
    .first()
  await listsField.scrollIntoViewIfNeeded()
  await listsField.click()
  await page.keyboard.type(listName)
  await page.locator('.rs__option', { hasText: listName }).click()
  await page.click('#action-save')
  await page.waitForURL(/\/admin\/collections\/campaigns\/\d+/)
  const campaignId = Number(/campaigns\/(\d+)/.exec(page.url())?.[1])

  await page.click('#campaign-preview')
  const frame = page.frameLocator('[data-testid="campaign-preview-frame"]')
  await frame.locator('body', { hasText: 'spring is here' }).waitFor()
  expect(await page.locator('[data-testid="campaign-preview-subject"]').textContent()).toContain(
    `Spring news ${run}`,
  )

  const tester = `qa-${run}@example.com`
  await page.fill('#campaign-test-addresses', tester)
  await page.click('#campaign-send-test')
  const test = await waitForMessage((message) => message.To === tester)
  expect(test.Subject).toBe(`[Test] Spring news ${run} for`)

  // The real schedule action, a few seconds ahead (in the browser's time zone) instead of a minute.
  const at = await page.evaluate(() => {
    const when = new Date(Date.now() + 20_000)
    const pad = (value: number) => String(value).padStart(2, '0')
    return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}`
  })
  await page.fill('#campaign-schedule-at', at)
  await page.click('#campaign-schedule')
  // The confirmation shows the pre-send checklist: nothing blocks (the dev seed set a postal address), warnings inform.
  const checklist = page.locator('[data-testid="campaign-checklist"]')
  await checklist.waitFor()
  expect(
    await checklist.locator('[data-testid="campaign-confirm-question"]').textContent(),
  ).toContain(`to ${eligible.length} contacts`)
  expect(
    await checklist.locator('[data-testid="checklist-finding"][data-level="blocking"]').count(),
  ).toBe(0)
  await checklist
    .locator('[data-testid="checklist-finding"][data-code="preheader"][data-level="warning"]')
    .waitFor()
  await page.click('#campaign-confirm')
  await page.locator('[data-testid="campaign-status"]', { hasText: 'scheduled' }).waitFor()

  // Scheduled means frozen: subject, content and audience are read-only.
  await page.reload()
  await page
    .locator('[data-testid="campaign-status"]', { hasText: /scheduled|sending|sent/ })
    .waitFor()
  expect(await page.locator('#field-subject').isDisabled()).toBe(true)
  expect(
    await page
      .locator('.rich-text-lexical [contenteditable]')
      .first()
      .getAttribute('contenteditable'),
  ).toBe('false')
  await page
    .locator('.field-type.relationship.relationship--read-only', {
      has: page.locator('label', { hasText: /^Lists/ }),
    })
    .first()
    .waitFor()

  await page
    .locator('[data-testid="campaign-status"]', { hasText: 'sent' })
    .waitFor({ timeout: 120_000 })
  await page.locator('[data-testid="campaign-progress"][aria-valuenow="100"]').waitFor()
  expect(await page.locator('[data-testid="campaign-progress-label"]').textContent()).toContain(
    `${eligible.length} / ${eligible.length} sent`,
  )
  await page.locator('[data-testid="campaign-stats"]').waitFor()
  expect(await page.locator('[data-testid="stat-sent"]').textContent()).toBe(
    String(eligible.length),
  )

  // Other browser tests leave automations that also email new subscribers; count this campaign's mail.
  const received = (await acceptedMessages()).filter(
    (message) => message.Metadata?.campaignId === String(campaignId),
  )
  expect(received.map((message) => message.To).sort()).toEqual([...eligible].sort())
  expect(received.find((message) => message.To === eligible[0])?.Subject).toBe(
    `Spring news ${run} for Reader0`,
  )
}, 600_000)

it('refuses to send a campaign with an empty audience: the checklist shows the blocking item and disables the confirmation', async () => {
  const run = Date.now()
  const campaign = await api<{ id: number }>('/campaigns', {
    name: `No audience ${run}`,
    subject: `Nobody ${run}`,
  })
  await page.goto(`${appUrl()}/admin/collections/campaigns/${campaign.id}`)
  await page.click('#campaign-send-now')
  const checklist = page.locator('[data-testid="campaign-checklist"]')
  await checklist.waitFor()
  const blocking = checklist.locator('[data-testid="checklist-finding"][data-level="blocking"]')
  expect(await blocking.count()).toBe(1)
  expect(await blocking.first().getAttribute('data-code')).toBe('audience')
  expect(await blocking.first().textContent()).toContain('Choose at least one list or a segment')
  await checklist
    .locator('[data-testid="checklist-finding"][data-code="preheader"][data-level="warning"]')
    .waitFor()
  expect(await page.locator('#campaign-confirm').isDisabled()).toBe(true)
  expect(await page.locator('[data-testid="campaign-status"]').textContent()).toBe('draft')
}, 300_000)

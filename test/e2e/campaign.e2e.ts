import type { Browser, Page } from 'playwright-core'

import { DateTime } from 'luxon'

import { collectPageErrors } from '../release/adminPages'
import { appUrl, launchBrowser, logIn } from './browser'
import { acceptedMessages, waitForMessage } from './fakePostmarkClient'

let browser: Browser
let page: Page
let pageErrors: string[]

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
  page.setDefaultTimeout(180_000)
  pageErrors = collectPageErrors(page)
  await logIn(page)
}, 600_000)

// No console error, uncaught exception or failed request in any of these flows.
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([])
})

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

/** A list with `count` subscribed readers plus a pending and an unsubscribed contact (never mailed). */
const seedList = async (run: number, count: number) => {
  const listName = `Campaign readers ${run}`
  const list = await api<{ id: number }>('/lists', { name: listName })
  const eligible: string[] = []
  for (let index = 0; index < count; index += 1) {
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
  return { eligible, list, listName }
}

const toast = (text: string) => page.locator('[data-sonner-toast]', { hasText: text }).first()

/**
 * Elements reaching past the viewport's right edge: in the whole page when it scrolls sideways, or
 * only among `within` (the plugin's own panels) when given.
 */
const widerThanViewport = (on: Page, within?: string) =>
  on.evaluate((scope) => {
    const width = document.documentElement.clientWidth
    if (!scope && document.documentElement.scrollWidth <= width) return []
    const elements = scope
      ? [...document.querySelectorAll(scope)].flatMap((root) => [
          root,
          ...root.querySelectorAll('*'),
        ])
      : [...document.querySelectorAll('body *')]
    return elements
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(-8)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${String(element.className).split(' ').join('.')} right=${Math.round(element.getBoundingClientRect().right)}`,
      )
  }, within)

const pluginPanels = '.campaign-actions, [data-merge-tag-picker], [data-testid="campaign-review"]'

const review = () => page.locator('[data-testid="campaign-review"]')

it('composes with the merge-tag and contact pickers, tests as the picked contact, reviews and sends; progress shows in words', async () => {
  const run = Date.now()
  const { eligible, list, listName } = await seedList(run, 5)
  const adaEmail = `ada-${run}@example.com`
  const ada = await api<{ id: number }>('/contacts', {
    attributes: { plan: `Analytical ${run}` },
    email: adaEmail,
    firstName: 'Ada',
  })
  await api('/subscriptions', { contact: ada.id, list: list.id, status: 'subscribed' })
  eligible.push(adaEmail)

  await page.goto(`${appUrl()}/admin/collections/campaigns/create`)
  await page.fill('#field-name', `Spring ${run}`)
  // The merge-tag picker inserts at the caret and leaves the focus in the subject: typing goes on there.
  await page.fill('#field-subject', `Spring news ${run} for `)
  await page.click('[data-merge-tags-for="subject"]')
  await page.click('[data-merge-tag-picker="subject"] [data-liquid="{{ contact.firstName }}"]')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-subject')
  await page.keyboard.type('!')
  expect(await page.inputValue('#field-subject')).toBe(
    `Spring news ${run} for {{ contact.firstName }}!`,
  )
  // Custom attribute keys found in the data are offered too.
  await page.click('[data-merge-tags-for="preheader"]')
  await page.click('#field-preheader')
  await page.keyboard.type('Your plan: ')
  await page.click(
    '[data-merge-tag-picker="preheader"] [data-liquid="{{ contact.attributes.plan }}"]',
  )
  expect(await page.inputValue('#field-preheader')).toBe('Your plan: {{ contact.attributes.plan }}')
  await page.locator('.rich-text-lexical [contenteditable="true"]').first().click()
  await page.keyboard.type('Hello ')
  await page.click('[data-merge-tags-for="content"]')
  await page.click('[data-merge-tag-picker="content"] [data-liquid="{{ contact.firstName }}"]')
  await page.keyboard.type(', spring is here.')
  expect(
    await page.locator('.rich-text-lexical [contenteditable="true"]').first().textContent(),
  ).toBe('Hello {{ contact.firstName }}, spring is here.')
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

  // Internals are not form fields.
  expect(await page.locator('#field-fanOut__phase').count()).toBe(0)
  expect(await page.locator('#field-abTest__winner').count()).toBe(0)

  // Preview as a contact picked by email.
  await page.fill('#field-campaignContactSearch', adaEmail)
  await page
    .locator('[data-testid="campaign-contact-results"] button', { hasText: adaEmail })
    .click()
  await page.locator('[data-testid="campaign-picked-contact"]', { hasText: adaEmail }).waitFor()
  await page.click('#campaign-preview')
  const frame = page.frameLocator('[data-testid="campaign-preview-frame"]').first()
  await frame.locator('body', { hasText: 'Hello Ada, spring is here' }).waitFor()
  await frame.locator('body', { hasText: `Your plan: Analytical ${run}` }).waitFor()
  expect(
    await page.locator('[data-testid="campaign-preview-subject"]').first().textContent(),
  ).toContain(`Spring news ${run} for Ada!`)

  // The test send renders with the picked contact's data, not a "friend" placeholder.
  const tester = `qa-${run}@example.com`
  await page.fill('#field-campaignTestAddresses', tester)
  await page.click('#campaign-send-test')
  await toast(`Test sent to ${tester}`).waitFor()
  const test = await waitForMessage((message) => message.To === tester)
  expect(test.Subject).toBe(`[Test] Spring news ${run} for Ada!`)
  expect(test.HtmlBody).toContain('Hello Ada, spring is here.')
  expect(test.HtmlBody).toContain(`Your plan: Analytical ${run}`)

  // Review and send: count, breakdown, sender, preview and checklist, then "Send now".
  await page.click('#campaign-review-open')
  await review().locator('[data-testid="review-recipients"]').waitFor()
  expect(
    await review().locator('[data-testid="review-recipients"]').getAttribute('data-recipients'),
  ).toBe(String(eligible.length))
  expect(await review().locator('[data-testid="review-breakdown-row"]').allTextContents()).toEqual([
    `List "${listName}": ${eligible.length} contacts subscribed`,
  ])
  expect(await review().locator('[data-testid="review-subject"]').textContent()).toBe(
    `Spring news ${run} for {{ contact.firstName }}!`,
  )
  expect(await review().locator('[data-testid="review-sample-note"]').count()).toBe(0)
  expect(await review().locator('[data-testid="review-layout"]').textContent()).not.toBe(
    'No marketing layout',
  )
  await review()
    .frameLocator('[data-testid="campaign-preview-frame"]')
    .locator('body', { hasText: 'Hello Ada' })
    .waitFor()
  const checklist = review().locator('[data-testid="campaign-checklist"]')
  expect(
    await checklist.locator('[data-testid="checklist-finding"][data-level="blocking"]').count(),
  ).toBe(0)
  await review().locator('#campaign-send-now').click()
  await toast(`Sending started: ${eligible.length} recipients`).waitFor()

  await page
    .locator('[data-testid="campaign-status"][data-status="sent"]')
    .waitFor({ timeout: 120_000 })
  await page.locator('[data-testid="campaign-progress"][aria-valuenow="100"]').waitFor()
  expect(await page.locator('[data-testid="campaign-progress-label"]').textContent()).toBe(
    `Sent: ${eligible.length} of ${eligible.length}`,
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
    `Spring news ${run} for Reader0!`,
  )
  expect(received.find((message) => message.To === adaEmail)?.Subject).toBe(
    `Spring news ${run} for Ada!`,
  )

  // Usable on a phone: the sent campaign's page does not scroll sideways at 390 px.
  await page.setViewportSize({ height: 844, width: 390 })
  await page.reload()
  await page.locator('[data-testid="campaign-progress-label"]').waitFor()
  expect(await widerThanViewport(page)).toEqual([])
  await page.setViewportSize({ height: 900, width: 1440 })
}, 600_000)

it('schedules from the review in a chosen time zone; the campaign is then read-only until unscheduled', async () => {
  const run = Date.now()
  const { list } = await seedList(run, 2)
  const campaign = await api<{ id: number }>('/campaigns', {
    audience: { lists: [list.id] },
    name: `Scheduled ${run}`,
    preheader: 'Soon',
    subject: `Later ${run}`,
  })
  await page.goto(`${appUrl()}/admin/collections/campaigns/${campaign.id}`)
  await page.click('#campaign-review-open')
  await review().locator('[data-testid="review-recipients"]').waitFor()
  // No contact picked: the preview says why a first name would show empty.
  expect(await review().locator('[data-testid="review-sample-note"]').textContent()).toContain(
    'The sample contact has only an email address',
  )
  const date = DateTime.now().setZone('Asia/Tokyo').plus({ days: 2 }).toISODate() as string
  await page.fill('#field-campaignScheduleDate', date)
  await page.fill('#field-campaignScheduleTime', '09:30')
  // Typed once the menu is open: keys sent before the select has focus are lost (seen once in CI).
  // A click that lands while the review re-renders leaves the menu closed (seen once in CI): click again.
  for (let attempt = 1; ; attempt += 1) {
    await review().locator('.rs__control').click()
    const opened = await page
      .locator('.rs__menu')
      .waitFor({ timeout: 5000 })
      .then(() => true)
      .catch((error: unknown) => {
        if (attempt === 3) throw error
        return false
      })
    if (opened) break
  }
  await page.keyboard.type('Asia/Tokyo')
  await page.locator('.rs__option', { hasText: /^Asia\/Tokyo$/ }).click()
  const expected = DateTime.fromISO(`${date}T09:30`, { zone: 'Asia/Tokyo' })
  expect(await review().locator('[data-testid="campaign-schedule-when"]').textContent()).toContain(
    `09:30 Asia/Tokyo (${expected.toUTC().toFormat('HH:mm')} UTC)`,
  )
  await review().locator('#campaign-schedule').click()
  await toast('Scheduled for').waitFor()
  await page.locator('[data-testid="campaign-status"][data-status="scheduled"]').waitFor()
  const saved = await page.evaluate(
    async (url) => (await (await fetch(url, { credentials: 'include' })).json()) as never,
    `${appUrl()}/api/campaigns/${campaign.id}?depth=0`,
  )
  expect(new Date((saved as { scheduledAt: string }).scheduledAt).toISOString()).toBe(
    expected.toUTC().toISO({ suppressMilliseconds: false }),
  )
  // The zone it was chosen in is kept next to it, and the page and the list show the time there.
  expect((saved as { scheduledTimeZone: string }).scheduledTimeZone).toBe('Asia/Tokyo')
  const shown = `${expected.setLocale('en-US').toFormat('ccc d LLL yyyy, h:mm a')} Asia/Tokyo`
  expect(shown).toContain('9:30 AM Asia/Tokyo')

  // Scheduled means frozen: subject and audience are read-only, and the merge-tag picker is gone.
  await page.reload()
  await page.locator('[data-testid="campaign-status"][data-status="scheduled"]').waitFor()
  expect(await page.locator('[data-testid="campaign-scheduled-for-text"]').textContent()).toBe(
    shown,
  )
  expect(await page.locator('#field-subject').isDisabled()).toBe(true)
  expect(await page.locator('[data-merge-tags-for="subject"]').count()).toBe(0)
  await page
    .locator('.field-type.relationship.relationship--read-only', {
      has: page.locator('label', { hasText: /^Lists/ }),
    })
    .first()
    .waitFor()
  // "Scheduled for" is one of the list's default columns.
  await page.goto(`${appUrl()}/admin/collections/campaigns?where[id][equals]=${campaign.id}`)
  expect(
    await page
      .locator('tr', { hasText: `Scheduled ${run}` })
      .locator('[data-testid="campaign-scheduled-cell"]')
      .textContent(),
  ).toBe(shown)

  await page.goto(`${appUrl()}/admin/collections/campaigns/${campaign.id}`)
  await page.click('#campaign-unschedule')
  await toast('Unscheduled').waitFor()
  await page.locator('[data-testid="campaign-status"][data-status="draft"]').waitFor()
  await page.reload()
  await page.locator('[data-testid="campaign-status"][data-status="draft"]').waitFor()
  expect(await page.locator('[data-testid="campaign-scheduled-for"]').count()).toBe(0)
}, 300_000)

it('refuses to send a campaign with an empty audience: the review shows the blocking item and offers no send', async () => {
  const run = Date.now()
  const campaign = await api<{ id: number }>('/campaigns', {
    name: `No audience ${run}`,
    subject: `Nobody ${run}`,
  })
  await page.goto(`${appUrl()}/admin/collections/campaigns/${campaign.id}`)
  expect(await page.locator('#campaign-send-now').count()).toBe(0)
  await page.click('#campaign-review-open')
  const checklist = review().locator('[data-testid="campaign-checklist"]')
  await checklist.waitFor()
  const blocking = checklist.locator('[data-testid="checklist-finding"][data-level="blocking"]')
  expect(await blocking.count()).toBe(1)
  expect(await blocking.first().getAttribute('data-code')).toBe('audience')
  expect(await blocking.first().textContent()).toContain('Choose at least one list or a segment')
  await checklist
    .locator('[data-testid="checklist-finding"][data-code="preheader"][data-level="warning"]')
    .waitFor()
  expect(await review().locator('[data-testid="review-recipients"]').textContent()).toBe(
    '0 contacts',
  )
  expect(await review().locator('#campaign-send-now').isDisabled()).toBe(true)
  expect(await review().locator('#campaign-schedule').isDisabled()).toBe(true)
  expect(await page.locator('[data-testid="campaign-status"]').textContent()).toBe('Draft')

  // Usable on a phone: the draft's panels, pickers and the review fit 390 px.
  await page.setViewportSize({ height: 844, width: 390 })
  await page.reload()
  await page.locator('[data-merge-tags-for="subject"]').waitFor()
  await page.click('[data-merge-tags-for="subject"]')
  await page.locator('[data-merge-tag-picker="subject"] [data-liquid]').first().waitFor()
  await page.fill('#field-campaignContactSearch', 'camp-')
  await page.locator('[data-testid="campaign-contact-results"] button').first().waitFor()
  expect(await widerThanViewport(page, pluginPanels)).toEqual([])
  await page.click('#campaign-review-open')
  await review().locator('[data-testid="campaign-checklist"]').waitFor()
  expect(await widerThanViewport(page, pluginPanels)).toEqual([])
  expect(
    await review().evaluate((element) => {
      const drawer = element.closest('.drawer__content') ?? element
      return drawer.scrollWidth - drawer.clientWidth
    }),
  ).toBeLessThanOrEqual(0)
  await page.setViewportSize({ height: 900, width: 1440 })
}, 300_000)

it('offers the merge-tag picker on the A/B variants: it inserts at the caret in a variant subject and a variant body', async () => {
  const run = Date.now()
  const campaign = await api<{ id: number }>('/campaigns', {
    abTest: {
      enabled: true,
      testOn: 'subject',
      variants: [{ subject: `Variant A ${run}` }, { subject: `Variant B ${run}` }],
    },
    name: `A/B picker ${run}`,
    subject: `A/B ${run}`,
  })
  await page.goto(`${appUrl()}/admin/collections/campaigns/${campaign.id}`)
  // Payload renders the A/B group's fields once it scrolls near the viewport.
  const subject = page.locator('#field-abTest__variants__1__subject')
  await page.locator('[data-testid="campaign-status"]').waitFor()
  for (let step = 0; step < 40 && (await subject.count()) === 0; step += 1) {
    await page.mouse.wheel(0, 600)
    await page.waitForTimeout(250)
  }
  await subject.scrollIntoViewIfNeeded()
  await subject.click()
  await page.keyboard.press('End')
  await page.keyboard.type(' for ')
  await page.click('[data-merge-tags-for="abTest.variants.1.subject"]')
  await page.click(
    '[data-merge-tag-picker="abTest.variants.1.subject"] [data-liquid="{{ contact.firstName }}"]',
  )
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(
    'field-abTest__variants__1__subject',
  )
  await page.keyboard.type('!')
  expect(await subject.inputValue()).toBe(`Variant B ${run} for {{ contact.firstName }}!`)
  // Variant A's subject is untouched.
  expect(await page.inputValue('#field-abTest__variants__0__subject')).toBe(`Variant A ${run}`)

  // The variant's body: the editor in the same field as its picker.
  const variantBody = page
    .locator('[data-merge-tag-picker="abTest.variants.0.content"]')
    .locator('xpath=ancestor::*[contains(@class, "field-type")][1]')
    .locator('[contenteditable="true"]')
    .first()
  await variantBody.scrollIntoViewIfNeeded()
  await variantBody.click()
  await page.keyboard.type('Dear ')
  await page.click('[data-merge-tags-for="abTest.variants.0.content"]')
  await page.click(
    '[data-merge-tag-picker="abTest.variants.0.content"] [data-liquid="{{ contact.firstName }}"]',
  )
  await page.keyboard.type(', hello.')
  expect(await variantBody.textContent()).toBe('Dear {{ contact.firstName }}, hello.')

  await page.click('#action-save')
  await toast('successfully').waitFor()
  const saved = await page.evaluate(
    async (url) => (await (await fetch(url, { credentials: 'include' })).json()) as never,
    `${appUrl()}/api/campaigns/${campaign.id}?depth=0`,
  )
  const variants = (saved as { abTest: { variants: { subject: string }[] } }).abTest.variants
  expect(variants.map((variant) => variant.subject)).toEqual([
    `Variant A ${run}`,
    `Variant B ${run} for {{ contact.firstName }}!`,
  ])
  expect(JSON.stringify(saved)).toContain('Dear {{ contact.firstName }}, hello.')
}, 300_000)

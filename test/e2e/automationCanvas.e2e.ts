import type { Browser, Page } from 'playwright-core'

import { slugs } from '../helpers/slugs'
import { adminForm } from './adminForm'
import { appUrl, launchBrowser, logIn, restFromPage } from './browser'
import { waitForMessage } from './fakePostmarkClient'

let browser: Browser
let page: Page
const pageErrors: string[] = []
/** Payload's code editor (Monaco) and the avatar come from the internet, unreachable here. */
const unreachableHosts = new Set(['cdn.jsdelivr.net', 'www.gravatar.com'])

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { height: 900, width: 1440 } })
  page.setDefaultTimeout(120_000)
  page.on('console', (message) => {
    const source = message.location().url
    const unreachable =
      message.text().startsWith('Failed to load resource') &&
      source !== '' &&
      unreachableHosts.has(new URL(source).host)
    if (message.type() === 'error' && !unreachable) pageErrors.push(`${message.text()} (${source})`)
  })
  page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`))
})

afterAll(async () => {
  await browser?.close()
})

const api = (method: string, path: string, body?: unknown) => restFromPage(page, method, path, body)

const nodeTexts = () =>
  page
    .locator('.automation-flow__step')
    .evaluateAll((nodes) =>
      nodes.map(
        (node) =>
          `${node.getAttribute('data-path')}: ${node.querySelector('.automation-flow__text')?.textContent}`,
      ),
    )

/** The one line each step type shows in the step menu. */
const descriptions: Record<string, string> = {
  End: 'Stop the automation for this contact.',
  'If / else': 'Branch on conditions or on the previous email.',
  'Send email': 'Send a marketing email or a template.',
  Wait: 'Pause for a time, until a date or until a condition holds.',
}

let automationId: number
let run: number

it('builds trigger, email, wait and an if/else with a step in each branch on the canvas; it saves, reloads and runs for a contact', async () => {
  run = Date.now()
  const form = adminForm(page)
  /** Clicks the "+" between two places of a step list and picks a step type from the menu. */
  const insert = async (list: string, index: number, stepLabel: string, rowId: string) => {
    const plus = page.locator(`.automation-flow__add[data-insert="${list}:${index}"]`)
    await plus.scrollIntoViewIfNeeded()
    await plus.click()
    const choice = page
      .locator('.popup__content .automation-flow__choice')
      .filter({ has: page.locator('strong', { hasText: new RegExp(`^${stepLabel}$`) }) })
    // The step menu says what each step does.
    expect(await choice.textContent()).toContain(descriptions[stepLabel])
    await choice.click()
    await page.locator(`#${rowId}`).waitFor()
    await form.settled()
    await page.locator(`#${rowId}`).scrollIntoViewIfNeeded()
    await form.settled()
  }

  await logIn(page)
  await page.goto(`${appUrl()}/admin/collections/${slugs.automations}/create`, { timeout: 300_000 })
  await page.locator('#field-name').waitFor({ timeout: 300_000 })
  await form.fill('field-name', `Canvas ${run}`)
  await form.add('field-triggers', 'Add Trigger', 'triggers-row-0', 'Custom event')
  await form.fill('field-triggers__0__event', `canvas.${run}`)

  await insert('steps', 0, 'Send email', 'steps-row-0')
  await form.fill('field-steps__0__subject', `Canvas welcome ${run}`)
  await insert('steps', 1, 'Wait', 'steps-row-1')
  await form.fill('field-steps__1__amount', '0')
  await insert('steps', 2, 'If / else', 'steps-row-2')
  await insert('steps.2.no', 0, 'End', 'steps-2-no-row-0')
  await insert('steps.2.yes', 0, 'Send email', 'steps-2-yes-row-0')
  await form.fill('field-steps__2__yes__0__subject', `Canvas yes ${run}`)

  const expected = [
    `0: Send email "Canvas welcome ${run}"`,
    '1: Wait 0 days',
    '2: If no conditions set',
    `2.yes.0: Send email "Canvas yes ${run}"`,
    '2.no.0: End',
  ]
  expect(await nodeTexts()).toEqual(expected)
  expect(await page.locator('.automation-flow__trigger').textContent()).toBe(
    `When: Event "canvas.${run}"`,
  )

  await page.click('#action-save')
  await page.waitForURL(new RegExp(`/admin/collections/${slugs.automations}/\\d+`))
  automationId = Number(new URL(page.url()).pathname.split('/').pop())
  const saved = await api('GET', `/api/${slugs.automations}/${automationId}?depth=0`)
  expect(saved.steps.map((step: { blockType: string }) => step.blockType)).toEqual([
    'sendEmail',
    'wait',
    'ifElse',
  ])
  expect(saved.steps[2].yes.map((step: { blockType: string }) => step.blockType)).toEqual([
    'sendEmail',
  ])
  expect(saved.steps[2].no.map((step: { blockType: string }) => step.blockType)).toEqual(['end'])

  await page.reload()
  await page.locator('.automation-flow__step[data-path="2.no.0"]').waitFor()
  expect(await nodeTexts()).toEqual(expected)

  // Clicking a node opens that step's fields.
  await page.locator('.automation-flow__step[data-path="2.yes.0"]').click()
  await page.waitForFunction(() => {
    const row = document.getElementById('steps-2-yes-row-0')?.getBoundingClientRect()
    return row !== undefined && row.top >= 0 && row.top < window.innerHeight
  })

  await api('PATCH', `/api/${slugs.automations}/${automationId}`, { status: 'active' })
  const email = `canvas-${run}@example.com`
  const contact = await api('POST', `/api/${slugs.contacts}`, { email, firstName: 'Canvas' })
  const { docs: lists } = await api('GET', `/api/${slugs.lists}?limit=1&depth=0`)
  await api('POST', `/api/${slugs.subscriptions}`, {
    contact: contact.doc.id,
    list: lists[0].id,
    status: 'subscribed',
  })
  expect(
    await api('POST', '/api/email-marketing/events', { email, event: `canvas.${run}` }),
  ).toEqual({
    contactFound: true,
  })
  await waitForMessage(
    (message) => message.To === email && message.Subject === `Canvas welcome ${run}`,
    120_000,
  )
  await waitForMessage(
    (message) => message.To === email && message.Subject === `Canvas yes ${run}`,
    120_000,
  )
  expect(pageErrors).toEqual([])
}, 900_000)

it('previews the send-email step as a contact and sends a test of it', async () => {
  const email = `canvas-${run}@example.com`
  await page.goto(`${appUrl()}/admin/collections/${slugs.automations}/${automationId}`)
  await page.locator('.automation-flow__step[data-path="0"]').click()
  const preview = page.locator('#steps-row-0 .automation-email-preview')
  await preview.scrollIntoViewIfNeeded()
  await page.fill('#field-steps__0__emailPreview__contact', email)
  await preview.locator('.automation-email-preview__show').click()
  await preview
    .locator('.automation-email-preview__subject', { hasText: `Canvas welcome ${run}` })
    .waitFor()
  await page.fill('#field-steps__0__emailPreview__testTo', 'tester@example.com')
  await preview.locator('.automation-email-preview__test').click()
  await waitForMessage(
    (message) =>
      message.To === 'tester@example.com' && message.Subject === `[Test] Canvas welcome ${run}`,
    120_000,
  )
  expect(pageErrors).toEqual([])
}, 300_000)

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

it('builds trigger, email, wait and an if/else with a step in each branch on the canvas; it saves, reloads and runs for a contact', async () => {
  const run = Date.now()
  const form = adminForm(page)
  /** Clicks the "+" between two places of a step list and picks a step type from the menu. */
  const insert = async (list: string, index: number, stepLabel: string, rowId: string) => {
    const plus = page.locator(`.automation-flow__add[data-insert="${list}:${index}"]`)
    await plus.scrollIntoViewIfNeeded()
    await plus.click()
    await page
      .locator('.automation-flow__choice')
      .filter({ has: page.locator('strong', { hasText: new RegExp(`^${stepLabel}$`) }) })
      .click()
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

  // The step menu says what each step does.
  await page.locator('.automation-flow__add[data-insert="steps:0"]').click()
  expect(
    await page.locator('.automation-flow__choice', { hasText: 'Wait' }).first().textContent(),
  ).toContain('Pause for a time')
  await page.keyboard.press('Escape')

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
  const automationId = Number(new URL(page.url()).pathname.split('/').pop())
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

import type { Browser, Page } from 'playwright-core'

import type { Payload } from 'payload'

import { countSegment } from '../../src/segments/segmentQueries'
import { slugs } from '../helpers/slugs'
import { adminForm } from './adminForm'
import { appUrl, launchBrowser, logIn, restFromPage } from './browser'
import { databasePayload } from './databasePayload'

let browser: Browser
let page: Page
let payload: Payload
/** Count answers other than 200, and every error the builder or a field showed. */
const problems: string[] = []

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
  page.setDefaultTimeout(120_000)
  page.on('response', (response) => {
    if (response.url().includes('/segments/count') && response.status() !== 200)
      problems.push(`count answered ${response.status()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  await page.addInitScript(() => {
    const seen: string[] = []
    Object.assign(window, { shownErrors: seen })
    new MutationObserver(() => {
      for (const node of document.querySelectorAll('.segment-count__error, .field-error'))
        if (node.textContent && !seen.includes(node.textContent)) seen.push(node.textContent)
    }).observe(document, { characterData: true, childList: true, subtree: true })
  })
  payload = await databasePayload()
})

afterAll(async () => {
  await browser?.close()
  await payload?.destroy()
})

const api = (method: string, path: string, body?: unknown) => restFromPage(page, method, path, body)

const shownErrors = () =>
  page.evaluate(() => (window as unknown as { shownErrors: string[] }).shownErrors)

it('builds a segment from scratch without ever showing an error; the count shown is countSegment of the saved rules', async () => {
  const run = Date.now()
  await logIn(page)
  const tag = await api('POST', `/api/${slugs.tags}`, { name: `builder-${run}` })
  const campaign = await api('POST', `/api/${slugs.campaigns}`, {
    name: `Picked by name ${run}`,
    subject: 'Hello',
  })
  for (let i = 0; i < 5; i++) {
    await api('POST', `/api/${slugs.contacts}`, {
      email: `builder${i}-${run}@segments.example`,
      status: 'active',
      tags: i < 3 ? [tag.doc.id] : [],
    })
  }
  const form = adminForm(page)
  await page.goto(`${appUrl()}/admin/collections/${slugs.segments}/create`, { timeout: 300_000 })
  await page.locator('#field-name').waitFor({ timeout: 300_000 })
  await form.fill('field-name', `Builder ${run}`)

  await form.add('field-groups', 'Add Condition group', 'groups-row-0')
  await form.add('groups-row-0', 'Add Condition', 'groups-0-conditions-row-0')
  // A new rule has no operator yet: the builder flags it and counts without it.
  await page
    .locator('.segment-count__gaps', { hasText: 'Group 1, rule 1: choose an operator.' })
    .waitFor()
  await form.choose('field-groups__0__conditions__0__field', 'Email')
  await form.choose('field-groups__0__conditions__0__operator', 'contains')
  await form.fill('field-groups__0__conditions__0__value', `-${run}@segments`)
  await page.locator('[data-testid="segment-count"]', { hasText: /^5$/ }).waitFor()

  await form.add('groups-row-0', 'Add Condition', 'groups-0-conditions-row-1')
  await form.choose('field-groups__0__conditions__1__type', 'Tag')
  await form.choose('field-groups__0__conditions__1__operator', 'has the tag')
  await page
    .locator('.segment-count__gaps', { hasText: 'Group 1, rule 2: choose a tag.' })
    .waitFor()
  await form.choose('field-groups__0__conditions__1__tag', `builder-${run}`)
  await page.locator('[data-testid="segment-count"]', { hasText: /^3$/ }).waitFor()

  await form.add('groups-row-0', 'Add Condition', 'groups-0-conditions-row-2')
  await form.choose('field-groups__0__conditions__2__type', 'Engagement')
  await form.choose('field-groups__0__conditions__2__operator', 'did not open the campaign')
  await form.choose('field-groups__0__conditions__2__campaignId', `Picked by name ${run}`)
  await page.waitForFunction(() => !document.querySelector('.segment-count__gaps'))
  await page.locator('[data-testid="segment-count"]', { hasText: /^3$/ }).waitFor()

  await page.click('#action-save')
  await page.waitForURL(new RegExp(`/admin/collections/${slugs.segments}/\\d+`))
  const segmentId = Number(new URL(page.url()).pathname.split('/').pop())
  const saved = await api('GET', `/api/${slugs.segments}/${segmentId}?depth=0`)
  expect(saved.groups[0].conditions.map((rule: { type: string }) => rule.type)).toEqual([
    'contactField',
    'tag',
    'engagement',
  ])
  expect(saved.groups[0].conditions[2].campaignId).toBe(campaign.doc.id)

  await page.reload()
  const shown = Number(await page.locator('[data-testid="segment-count"]').textContent())
  expect(shown).toBe(await countSegment(payload, segmentId))
  expect(shown).toBe(3)
  expect(problems).toEqual([])
  expect(await shownErrors()).toEqual([])
}, 900_000)

import type { Browser, Page } from 'playwright-core'

import { parse } from 'csv-parse/sync'
import { readFile } from 'node:fs/promises'

import { paragraph } from '../campaigns/campaignFixtures'
import { slugs } from '../helpers/slugs'
import { collectPageErrors } from '../release/adminPages'
import { appUrl, launchBrowser, logIn, restFromPage } from './browser'
import { acceptedMessages, postOpen } from './fakePostmarkClient'

let browser: Browser
let page: Page
let pageErrors: string[]

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ acceptDownloads: true })
  page.setDefaultTimeout(180_000)
  pageErrors = collectPageErrors(page)
  await logIn(page)
}, 600_000)

afterAll(async () => {
  await browser?.close()
})

/** A POST from the page with the admin's cookie; the created document. */
const create = async <T>(path: string, data: unknown): Promise<T> => {
  const answer = (await restFromPage(page, 'POST', `/api${path}`, data)) as {
    doc?: T
    errors?: unknown
  }
  if (!answer.doc) throw new Error(`POST ${path}: ${JSON.stringify(answer)}`)
  return answer.doc
}

const waitForCampaignMail = async (campaignId: number, count: number) => {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    const mail = (await acceptedMessages()).filter(
      (message) => message.Metadata?.campaignId === String(campaignId),
    )
    if (mail.length >= count) return mail
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`Campaign ${campaignId} did not send ${count} emails in time.`)
}

const overflowsAt390 = async (url: string, ready: string) => {
  await page.setViewportSize({ height: 844, width: 390 })
  await page.goto(url)
  await page.locator(ready).first().waitFor()
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  await page.setViewportSize({ height: 900, width: 1440 })
  return overflow
}

it('sends a campaign, records opens, shows the report chart with axes and legend, filters and exports openers, lists rates, and shows a message of the log rendered', async () => {
  const run = Date.now()
  const list = await create<{ id: number }>(`/${slugs.lists}`, { name: `Report readers ${run}` })
  const emails: string[] = []
  for (let index = 0; index < 4; index += 1) {
    const email = `report-${run}-${index}@example.com`
    const contact = await create<{ id: number }>(`/${slugs.contacts}`, {
      email,
      firstName: `Reader${index}`,
    })
    await create(`/${slugs.subscriptions}`, {
      contact: contact.id,
      list: list.id,
      status: 'subscribed',
    })
    emails.push(email)
  }
  const campaign = await create<{ id: number }>(`/${slugs.campaigns}`, {
    audience: { lists: [list.id] },
    content: paragraph('Hello {{ contact.firstName }}, here is the report test.'),
    name: `Report ${run}`,
    preheader: 'Report test',
    subject: `Report ${run} for {{ contact.firstName }}`,
  })
  const sent = (await restFromPage(
    page,
    'POST',
    `/api/email-marketing/campaigns/${campaign.id}/send`,
    {},
  )) as { errors?: unknown }
  expect(sent.errors).toBeUndefined()
  const mail = await waitForCampaignMail(campaign.id, emails.length)
  const openers = mail.filter((message) => message.To === emails[0] || message.To === emails[2])
  for (const message of openers) await postOpen(message)

  await page.goto(`${appUrl()}/admin/collections/${slugs.campaigns}/${campaign.id}/report`)
  const opened = page.locator('[data-testid="report-metric"][data-metric="opened"]')
  await opened.locator('[data-testid="metric-unique"]', { hasText: /^2$/ }).waitFor()
  const chart = page.locator('[data-testid="report-chart"]')
  await chart.locator('svg.recharts-surface').first().waitFor()
  expect(
    await chart.locator('.recharts-xAxis .recharts-cartesian-axis-tick').count(),
  ).toBeGreaterThan(0)
  expect(
    await chart.locator('.recharts-yAxis .recharts-cartesian-axis-tick').count(),
  ).toBeGreaterThan(0)
  const legend = await chart.locator('.recharts-legend-item').allTextContents()
  expect(legend).toEqual(['Delivered', 'Opened', 'Clicked', 'Bounced', 'Complained'])
  expect(await chart.locator('.recharts-line').count()).toBe(5)

  const recipients = page.locator('[data-testid="report-recipients"]')
  await recipients
    .locator('[data-testid="recipients-count"]', { hasText: '4 recipients' })
    .waitFor()
  await recipients.locator('.recipients-filter .rs__control').click()
  await page.locator('.rs__option', { hasText: /^Opened$/ }).click()
  await recipients
    .locator('[data-testid="recipients-count"]', { hasText: '2 recipients' })
    .waitFor()
  expect(
    (await recipients.locator('[data-testid="recipient-email"]').allTextContents()).sort(),
  ).toEqual([emails[0], emails[2]].sort())

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#recipients-export'),
  ])
  expect(download.suggestedFilename()).toMatch(new RegExp(`^campaign-${campaign.id}-opened-`))
  const csv = parse(await readFile((await download.path()) as string, 'utf8'), {
    columns: true,
  }) as Record<string, string>[]
  expect(csv.map((row) => row.email).sort()).toEqual([emails[0], emails[2]].sort())
  expect(csv.every((row) => row.opens === '1' && row.openedAt !== '')).toBe(true)
  expect(csv.find((row) => row.email === emails[0])?.firstName).toBe('Reader0')

  await page.goto(`${appUrl()}/admin/collections/${slugs.campaigns}`)
  const row = page.locator('tr', { hasText: `Report ${run}` })
  await row.waitFor()
  expect(await row.textContent()).toContain('50 %')

  const message = (await restFromPage(
    page,
    'GET',
    `/api/${slugs.messages}?depth=0&where[campaign][equals]=${campaign.id}&where[toAddress][equals]=${encodeURIComponent(emails[0])}`,
  )) as { docs: { id: number }[] }
  const messageUrl = `${appUrl()}/admin/collections/${slugs.messages}/${message.docs[0].id}`
  await page.goto(messageUrl)
  await page
    .locator('[data-testid="message-subject"]', { hasText: `Report ${run} for Reader0` })
    .waitFor()
  await page
    .frameLocator('[data-testid="message-frame"]')
    .locator('body', { hasText: 'Hello Reader0, here is the report test.' })
    .waitFor()
  expect(await page.locator('[data-testid="message-frame"]').getAttribute('sandbox')).toBe('')
  await page.locator('[data-testid="message-timeline-item"][data-type="opened"]').waitFor()
  expect(await page.locator('#field-dedupeKey').isVisible()).toBe(false)

  expect(
    await overflowsAt390(
      `${appUrl()}/admin/collections/${slugs.campaigns}/${campaign.id}/report`,
      '[data-testid="report-chart"] svg.recharts-surface',
    ),
  ).toBeLessThanOrEqual(0)
  expect(await overflowsAt390(messageUrl, '[data-testid="message-frame"]')).toBeLessThanOrEqual(0)
  // No console error, uncaught exception or failed request (the admin's code editor, which loads
  // from an unreachable CDN, aside).
  expect(pageErrors.splice(0)).toEqual([])
}, 600_000)

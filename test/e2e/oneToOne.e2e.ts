import type { Browser, Page } from 'playwright-core'

import { collectPageErrors } from '../release/adminPages'
import { appUrl, launchBrowser, logIn } from './browser'
import { waitForMessage } from './fakePostmarkClient'

let browser: Browser
let page: Page
let pageErrors: string[]

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
  page.setDefaultTimeout(180_000)
  pageErrors = collectPageErrors(page)
  await logIn(page)
})

// No console error, uncaught exception or failed request in any of these flows.
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([])
})

afterAll(async () => {
  await browser?.close()
})

/** REST calls with the logged-in admin's cookie. */
const api = async <T>(path: string, data: unknown): Promise<T> => {
  const { body, status } = await page.evaluate(
    async ([url, json]) => {
      const response = await fetch(url, {
        body: json,
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        method: 'POST',
      })
      return { body: await response.text(), status: response.status }
    },
    [`${appUrl()}/api${path}`, JSON.stringify(data)] as const,
  )
  if (status >= 300) throw new Error(`POST ${path}: HTTP ${status} ${body}`)
  return (JSON.parse(body) as { doc: T }).doc
}

/** What Postmark posts to the webhook once the receiving server accepted the message. */
const deliver = async (message: {
  MessageID: string
  Metadata?: Record<string, string>
  To: string
}) => {
  const response = await fetch(`${appUrl()}/api/email-marketing/webhooks/postmark`, {
    body: JSON.stringify({
      DeliveredAt: new Date().toISOString(),
      Details: 'Test delivery webhook details',
      MessageID: message.MessageID,
      MessageStream: 'outbound',
      Metadata: message.Metadata,
      Recipient: message.To,
      RecordType: 'Delivery',
      ServerID: 1,
      Tag: 'one-to-one',
    }),
    headers: {
      authorization: `Basic ${Buffer.from('postmark:dev-webhook-password').toString('base64')}`,
      'content-type': 'application/json',
    },
    method: 'POST',
  })
  expect(response.status).toBe(200)
}

const compose = async (subject: string, body: string) => {
  await page.locator('.send-email-action[data-hydrated="true"]').waitFor()
  await page.click('#action-send-email')
  await page.locator('#field-composer-subject').waitFor()
  await page.fill('#field-composer-subject', subject)
  await page.fill('#field-composer-body', body)
  await page.click('#composer-send')
  await page.locator('.email-composer').waitFor({ state: 'detached' })
}

/** The dev server shares the machine with other suites; the first admin compile alone can take minutes. */
const testTimeoutMs = 420_000

const timelineEntry = (subject: string, status: string) =>
  page.locator(`.contact-timeline .timeline-entry--message[data-status="${status}"]`, {
    hasText: subject,
  })

it(
  'writes a 1:1 email from a contact, sees it sent on the timeline, then delivered after the Delivery webhook',
  async () => {
    const email = `one-to-one-${Date.now()}@example.com`
    const contact = await api<{ id: number }>('/contacts', { email, firstName: 'Linus' })
    await page.goto(`${appUrl()}/admin/collections/contacts/${contact.id}`)
    await page.locator('.contact-timeline').waitFor()

    const subject = `Checking in ${Date.now()}`
    await compose(subject, 'Hi {{ contact.firstName }},\n\nhow is the rollout going?')

    const accepted = await waitForMessage((message) => message.To === email)
    expect(accepted).toMatchObject({
      MessageStream: 'outbound',
      ReplyTo: expect.stringContaining('demo@example.com'),
      Subject: subject,
    })
    expect(accepted.HtmlBody).toContain('Hi Linus,')
    await timelineEntry(subject, 'sent').waitFor()

    await deliver(accepted)
    await timelineEntry(subject, 'delivered').locator('[data-event="delivered"]').waitFor()
  },
  testTimeoutMs,
)

it(
  "writes a 1:1 email from a deal, logged on the deal and shown on its contact's timeline",
  async () => {
    const email = `deal-contact-${Date.now()}@example.com`
    const contact = await api<{ id: number }>('/contacts', { email, firstName: 'Grace' })
    const pipeline = await api<{ id: number; stages: { stageId: string }[] }>('/pipelines', {
      name: `E2E ${Date.now()}`,
      stages: [{ name: 'Lead', winProbability: 10 }],
    })
    const deal = await api<{ id: number }>('/deals', {
      contacts: [contact.id],
      pipeline: pipeline.id,
      stage: pipeline.stages[0].stageId,
      title: 'Compiler upgrade',
      value: 5000,
    })

    await page.goto(`${appUrl()}/admin/collections/deals/${deal.id}`)
    const subject = `Your compiler upgrade ${Date.now()}`
    await compose(subject, 'Hello {{ contact.firstName }}, here is the quote for {{ deal.title }}.')

    const accepted = await waitForMessage((message) => message.To === email)
    expect(accepted.Metadata).toMatchObject({ dealId: String(deal.id) })
    expect(accepted.HtmlBody).toContain('here is the quote for Compiler upgrade.')

    await page.goto(`${appUrl()}/admin/collections/contacts/${contact.id}`)
    await timelineEntry(subject, 'sent').waitFor()
    await deliver(accepted)
    await timelineEntry(subject, 'delivered').waitFor()
  },
  testTimeoutMs,
)

it(
  'previews a transactional template with its sample data and sends a test to the logged-in user',
  async () => {
    await page.goto(
      `${appUrl()}/admin/collections/transactional-templates?where[slug][equals]=order-confirmation`,
    )
    // Follow the row's link directly: on a cold dev server a click can land before the list hydrates.
    const href = await page.locator('.table tbody tr a').first().getAttribute('href')
    await page.goto(`${appUrl()}${href}`)
    await page.waitForURL(/\/admin\/collections\/transactional-templates\/\d+/)
    await page.locator('.transactional-preview[data-hydrated="true"]').waitFor()
    await page.click('#template-preview')
    await page
      .locator('[data-testid="template-preview-subject"]', { hasText: 'Order #1042 is confirmed' })
      .waitFor()
    const frame = page.frameLocator('[data-testid="template-preview-frame"]')
    await frame.locator('text=Thanks for your order #1042').waitFor()

    await page.click('#template-send-test')
    const accepted = await waitForMessage(
      (message) =>
        message.To === 'demo@example.com' && message.Subject === 'Order #1042 is confirmed',
    )
    expect(accepted).toMatchObject({
      MessageStream: 'outbound',
      Metadata: expect.objectContaining({ template: 'order-confirmation', test: 'true' }),
    })
  },
  testTimeoutMs,
)

it(
  'from the contacts list: a merge-tag button inserts its tag once, typing goes on in the body, the preview and the email say exactly that',
  async () => {
    const email = `merge-tag-${Date.now()}@example.com`
    await api<{ id: number }>('/contacts', { email, firstName: 'Ada' })
    await page.goto(`${appUrl()}/admin/collections/contacts?search=${encodeURIComponent(email)}`)
    const row = page.locator('.table tbody tr', { hasText: email })
    await row.waitFor()
    await page.locator('.send-email-to-selected[data-hydrated="true"]').waitFor()
    await row.locator('input[type="checkbox"]').check()
    await page.click('#action-send-email-selected')

    await page.locator('#field-composer-body').waitFor()
    const subject = `Welcome ${Date.now()}`
    await page.fill('#field-composer-subject', subject)
    await page.click('#field-composer-body')
    await page.keyboard.type('Hi ')
    await page.locator('.email-composer button', { hasText: 'contact.firstName' }).click()
    await page.keyboard.type(' and welcome aboard')
    expect(await page.inputValue('#field-composer-body')).toBe(
      'Hi {{ contact.firstName }} and welcome aboard',
    )

    await page.click('#composer-preview')
    await page.locator('[data-testid="composer-preview-to"]', { hasText: email }).waitFor()
    const preview = page.frameLocator('[data-testid="composer-preview-frame"]')
    expect(await preview.locator('p', { hasText: 'welcome aboard' }).textContent()).toBe(
      'Hi Ada and welcome aboard',
    )

    await page.click('#composer-send')
    await page.locator('.email-composer').waitFor({ state: 'detached' })
    const accepted = await waitForMessage((message) => message.To === email)
    expect(accepted.Subject).toBe(subject)
    expect(accepted.HtmlBody).toMatch(/>Hi Ada and welcome aboard<\/p>/)
  },
  testTimeoutMs,
)

import type { Browser, Page } from 'playwright-core'

import { signToken } from '../../src/subscriptions/tokens'
import { appUrl, launchBrowser, logIn } from './browser'
import { waitForMessage } from './fakePostmarkClient'

/** The dev app's secret (dev/config.ts): the test signs the per-message link a campaign email would carry. */
const devSecret = process.env.EMAIL_MARKETING_SECRET ?? 'dev-only-email-marketing-secret'

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

/** Fetches from inside the logged-in admin page, so the browser sends the session cookie as the admin does. */
const getJson = async (path: string): Promise<any> => {
  const { body, status } = await page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'include' })
    return { body: await response.json(), status: response.status }
  }, `${appUrl()}/api${path}`)
  if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(body)}`)
  return body
}

/** The contact's Newsletter subscription, read through the REST API as the logged-in admin. */
const subscriptionOf = async (email: string): Promise<{ contactId: number; status: string }> => {
  const contacts = await getJson(
    `/contacts?where[email][equals]=${encodeURIComponent(email)}&depth=0`,
  )
  const contactId = contacts.docs[0].id as number
  const subscriptions = await getJson(
    `/subscriptions?where[contact][equals]=${contactId}&depth=1&limit=10`,
  )
  const newsletter = subscriptions.docs.find(
    (doc: { list: { slug: string } }) => doc.list.slug === 'newsletter',
  )
  return { contactId, status: newsletter.status }
}

it('subscribes through the form, confirms from the email, shows it in the admin, and unsubscribes without JavaScript', async () => {
  const email = `subscriber-${Date.now()}@example.com`
  await page.goto(`${appUrl()}/api/email-marketing/subscribe?list=newsletter`)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('First name (optional)').fill('Ada')
  await page.getByLabel(/I agree to receive the Newsletter emails/).check()
  await page.getByRole('button', { name: 'Subscribe' }).click()
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor()

  const confirmation = await waitForMessage((message) => message.To === email)
  const link = /http\S+\/api\/email-marketing\/confirm\?token=\S+/.exec(
    confirmation.TextBody ?? '',
  )?.[0]
  expect(link).toBeDefined()
  // Following the link (as a mail scanner would) only shows the question; the button confirms
  // (that the GET leaves the subscription pending is checked in test/public/subscribe.spec.ts).
  await page.goto(link!)
  await page.getByRole('heading', { name: 'Confirm your subscription' }).waitFor()
  await page.getByRole('button', { name: 'Confirm subscription' }).click()
  await page.getByRole('heading', { name: 'Subscription confirmed' }).waitFor()

  await logIn(page)
  await page.goto(`${appUrl()}/admin/collections/subscriptions?sort=-updatedAt`)
  const row = page.locator('.table tbody tr', { hasText: email })
  await row.waitFor()
  expect(await row.textContent()).toContain('Subscribed')
  const subscription = await subscriptionOf(email)
  expect(subscription.status).toBe('subscribed')

  const token = signToken(devSecret, {
    contactId: subscription.contactId,
    kind: 'unsubscribe',
    messageId: Number(confirmation.Metadata?.messageId),
  })
  const noScript = await browser.newContext({ javaScriptEnabled: false })
  const preferences = await noScript.newPage()
  await preferences.goto(`${appUrl()}/api/email-marketing/preferences?token=${token}`)
  expect(await preferences.getByLabel('Newsletter').isChecked()).toBe(true)
  await preferences.getByRole('button', { name: 'Unsubscribe from everything' }).click()
  await preferences.getByText('You are unsubscribed from everything.').waitFor()
  await noScript.close()
  expect((await subscriptionOf(email)).status).toBe('unsubscribed')
})

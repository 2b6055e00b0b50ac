import type { Page } from 'playwright-core'

import { paragraph } from '../campaigns/campaignFixtures'
import { appUrl, restFromPage } from '../e2e/browser'
import { acceptedMessages, postOpen } from '../e2e/fakePostmarkClient'

/** One admin page editors use: how to reach it and what shows once it has rendered. */
export type EditorPage = {
  /** File name stem under docs/screenshots/ (`<name>-1440x900.png`, `<name>-390x844.png`). */
  name: string
  /** The page's address; may create what the page needs first (through `restFromPage`). */
  path: (page: Page) => Promise<string>
  /** Opens what the page shows on top (a drawer, a dialog) once `ready` is visible. */
  open?: (page: Page) => Promise<void>
  /** A selector that is visible once the page's own content (and what `open` opened) has rendered. */
  ready: string
}

const firstId = async (page: Page, collection: string): Promise<number | string> => {
  const answer = (await restFromPage(
    page,
    'GET',
    `/api/${collection}?limit=1&depth=0&sort=id`,
  )) as {
    docs?: { id: number | string }[]
  }
  const id = answer.docs?.[0]?.id
  if (id === undefined)
    throw new Error(`The demo data has no ${collection}; seed it in dev/seed.ts.`)
  return id
}

const created = async (page: Page, collection: string, data: unknown): Promise<number> => {
  const answer = (await restFromPage(page, 'POST', `/api/${collection}`, data)) as {
    doc?: { id: number }
  }
  if (!answer.doc) throw new Error(`Creating a demo ${collection}: ${JSON.stringify(answer)}`)
  return answer.doc.id
}

/** Created once per app: a draft newsletter to the seeded lists. */
let draftCampaign: Promise<number> | undefined
const demoDraftCampaign = (page: Page): Promise<number> =>
  (draftCampaign ??= (async () =>
    created(page, 'campaigns', {
      audience: { lists: [await firstId(page, 'lists')] },
      content: paragraph('Hi {{ contact.firstName }}, here is what is new this month.'),
      name: 'December news',
      preheader: 'Three things we shipped',
      subject: 'December news for {{ contact.firstName }}',
    }))())

/** Created once per app: a campaign sent to three new contacts, and one of its messages. */
let sentCampaign: Promise<{ campaign: number; message: number }> | undefined
const demoSentCampaign = (page: Page) =>
  (sentCampaign ??= (async () => {
    const list = await created(page, 'lists', { name: 'Early readers' })
    for (const name of ['Ada', 'Grace', 'Alan']) {
      const contact = await created(page, 'contacts', {
        email: `${name.toLowerCase()}.reader@example.com`,
        firstName: name,
      })
      await created(page, 'subscriptions', { contact, list, status: 'subscribed' })
    }
    const campaign = await created(page, 'campaigns', {
      audience: { lists: [list] },
      content: paragraph('Hi {{ contact.firstName }}, thanks for reading early.'),
      name: 'Early readers preview',
      preheader: 'A first look',
      subject: 'A first look, {{ contact.firstName }}',
    })
    await restFromPage(page, 'POST', `/api/email-marketing/campaigns/${campaign}/send`, {})
    const deadline = Date.now() + 120_000
    while (Date.now() < deadline) {
      const mail = (await acceptedMessages()).filter(
        (message) => message.Metadata?.campaignId === String(campaign),
      )
      if (mail.length === 3) {
        // Two of the three open it, so the report has a chart.
        for (const message of mail.slice(0, 2)) await postOpen(message)
        const answer = (await restFromPage(
          page,
          'GET',
          `/api/messages?where[campaign][equals]=${campaign}&limit=1&depth=0&sort=id`,
        )) as { docs?: { id: number }[] }
        return { campaign, message: answer.docs![0]!.id }
      }
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    throw new Error('The demo campaign sent nothing within two minutes.')
  })())

/** Created once per app: a welcome series with a wait and a branch. */
let automation: Promise<number> | undefined
const demoAutomation = (page: Page): Promise<number> =>
  (automation ??= (async () => {
    const tag = await firstId(page, 'tags')
    return created(page, 'automations', {
      name: 'Welcome series',
      steps: [
        {
          blockType: 'sendEmail',
          content: paragraph('Welcome aboard, {{ contact.firstName }}!'),
          subject: 'Welcome aboard',
        },
        { amount: 2, blockType: 'wait', mode: 'duration', unit: 'days' },
        {
          blockType: 'ifElse',
          conditions: {
            groups: [{ conditions: [{ operator: 'hasTag', tag, type: 'tag' }], match: 'all' }],
            match: 'all',
          },
          no: [],
          test: 'conditions',
          yes: [
            {
              blockType: 'sendEmail',
              content: paragraph('A thank-you for our regulars.'),
              subject: 'Thank you',
            },
          ],
        },
      ],
      triggers: [{ blockType: 'tagAdded', tag }],
    })
  })())

/**
 * The plugin's editor pages, in the order the README shows them. The screenshot script
 * (npm run screenshots) and the 390 px layout test (test/e2e/editorPages.e2e.ts) both walk this list.
 */
export const editorPages: EditorPage[] = [
  {
    name: 'dashboard',
    path: async () => '/admin',
    ready: '[data-testid="email-marketing-dashboard"]',
  },
  {
    name: 'contacts',
    path: async () => '/admin/collections/contacts',
    ready: '.table tbody tr',
  },
  {
    name: 'contact-profile',
    path: async (page) => `/admin/collections/contacts/${await firstId(page, 'contacts')}`,
    ready: '[data-testid="contact-overview"]',
  },
  {
    name: 'list-members',
    path: async (page) => `/admin/collections/lists/${await firstId(page, 'lists')}`,
    ready: '[data-testid="list-member"]',
  },
  {
    name: 'segment-builder',
    path: async (page) => `/admin/collections/segments/${await firstId(page, 'segments')}`,
    ready: '#field-name',
  },
  {
    name: 'campaign-composer',
    path: async (page) => `/admin/collections/campaigns/${await demoDraftCampaign(page)}`,
    ready: '#campaign-review-open',
  },
  {
    name: 'campaign-review',
    open: (page) => page.click('#campaign-review-open'),
    path: async (page) => `/admin/collections/campaigns/${await demoDraftCampaign(page)}`,
    ready: '[data-testid="review-recipients"]',
  },
  {
    name: 'campaign-report',
    path: async (page) =>
      `/admin/collections/campaigns/${(await demoSentCampaign(page)).campaign}/report`,
    ready: '[data-testid="report-chart"] svg.recharts-surface',
  },
  {
    name: 'message-log',
    path: async (page) => `/admin/collections/messages/${(await demoSentCampaign(page)).message}`,
    ready: '[data-testid="message-frame"]',
  },
  {
    name: 'one-to-one-composer',
    open: (page) => page.click('.send-email-action[data-hydrated="true"] #action-send-email'),
    path: async (page) => `/admin/collections/contacts/${await firstId(page, 'contacts')}`,
    ready: '#field-composer-body',
  },
  {
    name: 'automation-canvas',
    path: async (page) => `/admin/collections/automations/${await demoAutomation(page)}`,
    ready: '.automation-flow__canvas',
  },
  {
    name: 'deal-board',
    path: async () => '/admin/deal-board',
    ready: '.deal-board[data-hydrated]',
  },
]

/**
 * Counts the page's requests in flight (every frame); `quiet()` resolves once none has been for
 * `quietMs`. Used after `open` instead of Playwright's 'networkidle', which a sandboxed srcdoc
 * frame attached later (the review's email preview) can hold back indefinitely although no request
 * is pending.
 */
const networkTracker = (page: Page, quietMs = 500, timeoutMs = 60_000) => {
  let inFlight = 0
  let lastChange = Date.now()
  const started = () => {
    inFlight += 1
    lastChange = Date.now()
  }
  const ended = () => {
    inFlight = Math.max(0, inFlight - 1)
    lastChange = Date.now()
  }
  page.on('request', started)
  page.on('requestfinished', ended)
  page.on('requestfailed', ended)
  return {
    quiet: async () => {
      const deadline = Date.now() + timeoutMs
      try {
        while (inFlight > 0 || Date.now() - lastChange < quietMs) {
          if (Date.now() > deadline)
            throw new Error(
              `The page still had ${inFlight} requests in flight after ${timeoutMs} ms.`,
            )
          await page.waitForTimeout(100)
        }
      } finally {
        page.off('request', started)
        page.off('requestfinished', ended)
        page.off('requestfailed', ended)
      }
    },
  }
}

/** Opens `editorPage` (and what it shows on top) and waits until it has rendered and settled. */
export const visit = async (page: Page, editorPage: EditorPage): Promise<void> => {
  await page.goto(`${appUrl()}${await editorPage.path(page)}`)
  // A click on server-rendered HTML before React hydrates it is lost.
  await page.waitForLoadState('networkidle')
  const network = networkTracker(page)
  await editorPage.open?.(page)
  await page.locator(editorPage.ready).first().waitFor()
  await network.quiet()
}

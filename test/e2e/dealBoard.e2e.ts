import type { Browser, Locator, Page } from 'playwright-core'

import { appUrl, launchBrowser, logIn } from './browser'
import { waitForMessage } from './fakePostmarkClient'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { height: 900, width: 1600 } })
  // Generous: the dev app compiles pages on first visit, slowly when the machine is busy.
  page.setDefaultTimeout(300_000)
  page.on('pageerror', (error) => console.error(`[deal board page error] ${error.message}`))
  await logIn(page)
}, 600_000)

afterAll(async () => {
  await browser?.close()
})

const column = (name: string) => page.locator(`.deal-board__column[aria-label="${name}"]`)
const card = (id: string) => page.locator(`.deal-board__card[data-deal-id="${id}"]`)

/** The seeded Sales pipeline: other browser tests add pipelines, and the board opens on any of them by default. */
const salesPipelineId = async (): Promise<number> =>
  page.evaluate(async () => {
    const response = await fetch('/api/pipelines?where[name][equals]=Sales&limit=1&depth=0', {
      credentials: 'include',
    })
    return ((await response.json()) as { docs: { id: number }[] }).docs[0].id
  })

const openBoard = async () => {
  await page.goto(`${appUrl()}/admin/deal-board?pipeline=${await salesPipelineId()}`, {
    waitUntil: 'domcontentloaded',
  })
  await page.locator('.deal-board__column .deal-board__card').first().waitFor()
  await page.locator('.deal-board[data-hydrated="true"]').waitFor()
}

/** Drags with real pointer events, the way dnd-kit's pointer sensor expects them. */
const drag = async (source: Locator, target: Locator) => {
  const from = await source.boundingBox()
  const to = await target.boundingBox()
  if (!from || !to) throw new Error('The card or the column is not visible.')
  await page.mouse.move(from.x + from.width / 2, from.y + 12)
  await page.mouse.down()
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + 20, { steps: 4 })
  await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 20 })
  await page.mouse.up()
}

const paragraph = (text: string) => ({
  root: {
    children: [
      {
        children: [
          { detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 },
        ],
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        type: 'paragraph',
        version: 1,
      },
    ],
    direction: 'ltr',
    format: '',
    indent: 0,
    type: 'root',
    version: 1,
  },
})

/** An active automation, created over REST as the logged-in admin, that emails the deal's contacts when a deal enters `stageId`. */
const createStageAutomation = async (stageId: string, subject: string) => {
  const automation = {
    name: `Deal reached ${stageId}`,
    status: 'active',
    steps: [
      {
        blockType: 'sendEmail',
        body: paragraph('Thanks for moving forward with us.'),
        mode: 'marketing',
        subject,
      },
    ],
    triggers: [{ blockType: 'dealStageChanged', stageId }],
  }
  // From the page, so the request carries the admin's session cookie like the admin UI's own calls.
  const status = await page.evaluate(
    async (body) =>
      (
        await fetch('/api/automations', {
          body: JSON.stringify(body),
          credentials: 'include',
          headers: { 'content-type': 'application/json' },
          method: 'POST',
        })
      ).status,
    automation,
  )
  expect(status).toBe(201)
}

const contactEmailOf = async (dealId: string): Promise<string> =>
  page.evaluate(
    async (id) =>
      (await (await fetch(`/api/deals/${id}?depth=1`, { credentials: 'include' })).json())
        .contacts[0].email,
    dealId,
  )

it('drags a deal to the next stage, finds it there after a reload, and an automation on that stage emails the contact', async () => {
  await openBoard()
  const [firstStage, nextStage] = await page
    .locator('.deal-board__column')
    .evaluateAll((nodes) => nodes.slice(0, 2).map((node) => node.getAttribute('aria-label') ?? ''))
  const moved = column(firstStage).locator('.deal-board__card').first()
  const dealId = (await moved.getAttribute('data-deal-id')) ?? ''
  const countBefore = await column(nextStage).locator('[data-total="count"]').textContent()
  const nextStageId = (await column(nextStage).getAttribute('data-stage-id')) ?? ''
  const subject = `Welcome to ${nextStage} ${Date.now()}`
  await createStageAutomation(nextStageId, subject)
  const contactEmail = await contactEmailOf(dealId)

  await drag(moved, column(nextStage))
  await column(nextStage).locator(`[data-deal-id="${dealId}"]`).waitFor()
  await page.locator('.deal-board__undo').waitFor()
  expect(await column(nextStage).locator('[data-total="count"]').textContent()).not.toBe(
    countBefore,
  )

  await page.reload({ waitUntil: 'domcontentloaded' })
  await column(nextStage).locator(`[data-deal-id="${dealId}"]`).waitFor()
  expect(await column(firstStage).locator(`[data-deal-id="${dealId}"]`).count()).toBe(0)

  const sent = await waitForMessage((message) => message.Subject === subject, 90_000)
  expect(sent.To).toContain(contactEmail)
}, 300_000)

it('moves a focused deal with the arrow keys and Enter, and Undo moves it back', async () => {
  await openBoard()
  const [firstStage, nextStage] = await page
    .locator('.deal-board__column')
    .evaluateAll((nodes) => nodes.slice(0, 2).map((node) => node.getAttribute('aria-label') ?? ''))
  const dealId =
    (await column(firstStage).locator('.deal-board__card').first().getAttribute('data-deal-id')) ??
    ''
  await card(dealId).focus()
  await page.keyboard.press('ArrowRight')
  await card(dealId).getByText(`Press Enter to move to ${nextStage}`).waitFor()
  await page.keyboard.press('Enter')
  await column(nextStage).locator(`[data-deal-id="${dealId}"]`).waitFor()
  await page.locator('.deal-board__undo').waitFor()

  await page.locator('.deal-board__undo button', { hasText: 'Undo' }).click()
  await column(firstStage).locator(`[data-deal-id="${dealId}"]`).waitFor()
  await page.locator('.deal-board__undo').waitFor({ state: 'detached' })
  await page.reload({ waitUntil: 'domcontentloaded' })
  await column(firstStage).locator(`[data-deal-id="${dealId}"]`).waitFor()
}, 300_000)

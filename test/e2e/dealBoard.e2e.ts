import type { Browser, Locator, Page } from 'playwright-core'

import { appUrl, launchBrowser, logIn } from './browser'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { height: 900, width: 1600 } })
  page.setDefaultTimeout(60_000)
  await logIn(page)
})

afterAll(async () => {
  await browser?.close()
})

const column = (name: string) => page.locator(`.deal-board__column[aria-label="${name}"]`)
const card = (id: string) => page.locator(`.deal-board__card[data-deal-id="${id}"]`)

const openBoard = async () => {
  await page.goto(`${appUrl()}/admin/deal-board`)
  await page.locator('.deal-board__column .deal-board__card').first().waitFor()
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

it('drags a deal to the next stage, and finds it there after a reload', async () => {
  await openBoard()
  const [firstStage, nextStage] = await page.locator('.deal-board__column').evaluateAll((nodes) => nodes.slice(0, 2).map((node) => node.getAttribute('aria-label') ?? ''))
  const moved = column(firstStage).locator('.deal-board__card').first()
  const dealId = (await moved.getAttribute('data-deal-id')) ?? ''
  const countBefore = await column(nextStage).locator('[data-total="count"]').textContent()

  await drag(moved, column(nextStage))
  await column(nextStage).locator(`[data-deal-id="${dealId}"]`).waitFor()
  await page.locator('.deal-board__undo').waitFor()
  expect(await column(nextStage).locator('[data-total="count"]').textContent()).not.toBe(countBefore)

  await page.reload()
  await column(nextStage).locator(`[data-deal-id="${dealId}"]`).waitFor()
  expect(await column(firstStage).locator(`[data-deal-id="${dealId}"]`).count()).toBe(0)
})

it('moves a focused deal with the arrow keys and Enter, and Undo moves it back', async () => {
  await openBoard()
  const [firstStage, nextStage] = await page.locator('.deal-board__column').evaluateAll((nodes) => nodes.slice(0, 2).map((node) => node.getAttribute('aria-label') ?? ''))
  const dealId = (await column(firstStage).locator('.deal-board__card').first().getAttribute('data-deal-id')) ?? ''
  await card(dealId).focus()
  await page.keyboard.press('ArrowRight')
  await card(dealId).getByText(`Press Enter to move to ${nextStage}`).waitFor()
  await page.keyboard.press('Enter')
  await column(nextStage).locator(`[data-deal-id="${dealId}"]`).waitFor()
  await page.locator('.deal-board__undo').waitFor()

  await page.locator('.deal-board__undo button', { hasText: 'Undo' }).click()
  await column(firstStage).locator(`[data-deal-id="${dealId}"]`).waitFor()
  await page.locator('.deal-board__undo').waitFor({ state: 'detached' })
  await page.reload()
  await column(firstStage).locator(`[data-deal-id="${dealId}"]`).waitFor()
})

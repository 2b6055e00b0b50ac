import type { Page, Request } from 'playwright-core'

const exactly = (text: string) => new RegExp(`^${text.replace(/[/]/g, '\\/')}$`)

/**
 * Drives a Payload edit form as a person would. Payload re-fetches form state after each change
 * (a POST to an admin server function) and drops older requests, so each helper waits until no
 * form-state request has run for a moment before the next change.
 */
export const adminForm = (page: Page) => {
  let running = 0
  const isFormRequest = (request: Request) =>
    request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/admin')
  page.on('request', (request) => {
    if (isFormRequest(request)) running += 1
  })
  const done = (request: Request) => {
    if (isFormRequest(request)) running -= 1
  }
  page.on('requestfinished', done)
  page.on('requestfailed', done)

  const settled = async () => {
    let quietSince = Date.now()
    while (Date.now() - quietSince < 700) {
      await page.waitForTimeout(100)
      if (running > 0) quietSince = Date.now()
    }
  }

  return {
    /** Clicks the last "Add …" button inside `#containerId` and, for blocks, picks `blockLabel`. */
    add: async (containerId: string, addLabel: string, rowId: string, blockLabel?: string) => {
      await page.locator(`#${containerId} button`, { hasText: addLabel }).last().click()
      if (blockLabel) {
        const drawer = page.locator('.drawer--is-open').last()
        await drawer
          .locator('button')
          .filter({ hasText: exactly(blockLabel) })
          .first()
          .click()
        await drawer.waitFor({ state: 'hidden' })
      }
      const row = page.locator(`#${rowId}`)
      await row.waitFor()
      await row.scrollIntoViewIfNeeded()
      await settled()
    },
    /** Picks `option` in the react-select of field `#fieldId` (select, relationship, picker). */
    choose: async (fieldId: string, option: string) => {
      const field = page.locator(`#${fieldId}`)
      await field.scrollIntoViewIfNeeded()
      await field.locator('.rs__control').click()
      await page.locator('.rs__option', { hasText: option }).first().click()
      await settled()
    },
    fill: async (fieldId: string, value: string) => {
      const input = page.locator(`#${fieldId}`)
      await input.scrollIntoViewIfNeeded()
      await input.fill(value)
      await settled()
    },
    settled,
  }
}

import type { Page } from 'playwright-core'

/** The code field's editor loads from a CDN this machine cannot reach; Payload falls back to a textarea. */
const isCodeEditorCdnError = (text: string, url: string): boolean =>
  /cdn\.jsdelivr\.net|monaco/i.test(`${text} ${url}`)

/**
 * Collects the page's console errors, uncaught exceptions and failed requests, except the code
 * editor's CDN download (and the bare `Event` its script loader throws when that download fails)
 * and requests a navigation cancelled.
 */
export const collectPageErrors = (page: Page): string[] => {
  const errors: string[] = []
  let cdnFailed = false
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    if (isCodeEditorCdnError(message.text(), message.location().url)) return
    const source = message.location().url
    errors.push(`${page.url()}: console error: ${message.text()}${source ? ` (${source})` : ''}`)
  })
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? ''
    if (reason === 'net::ERR_ABORTED') return
    if (isCodeEditorCdnError('', request.url())) {
      cdnFailed = true
      return
    }
    errors.push(`${page.url()}: request failed (${reason}): ${request.method()} ${request.url()}`)
  })
  page.on('pageerror', (error) => {
    if (cdnFailed && error.message === 'Event') return
    errors.push(`${page.url()}: uncaught: ${error.message}`)
  })
  return errors
}

/** The collections the admin's navigation links to, other than the app's own `users`. */
export const navCollections = async (page: Page): Promise<string[]> => {
  const hrefs = await page
    .locator('nav a[href*="/admin/collections/"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
  const slugs = hrefs.map((href) => href.split('/admin/collections/')[1].split(/[/?]/)[0])
  return [...new Set(slugs)].filter((slug) => slug !== 'users')
}

/** Opens an admin page and waits for it to render and hydrate; a status of 400 or more throws. */
export const openAdminPage = async (page: Page, url: string, ready: string): Promise<void> => {
  const response = await page.goto(url, { waitUntil: 'load' })
  if (!response || response.status() >= 400) {
    throw new Error(`${url} answered ${response?.status() ?? 'nothing'}.`)
  }
  await page.locator(ready).first().waitFor({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')
}

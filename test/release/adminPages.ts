import type { Page } from 'playwright-core'

/** The code field's editor loads from a CDN this machine cannot reach; Payload falls back to a textarea. */
const isCodeEditorCdnError = (text: string, url: string): boolean =>
  /cdn\.jsdelivr\.net|monaco/i.test(`${text} ${url}`)

/** Collects the page's console errors and uncaught exceptions, except the code editor's CDN. */
export const collectPageErrors = (page: Page): string[] => {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    if (isCodeEditorCdnError(message.text(), message.location().url)) return
    errors.push(`${page.url()}: console error: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`${page.url()}: uncaught: ${error.message}`))
  return errors
}

/** Payload's own collections; everything else in a config with only `users` comes from the plugin. */
const appCollections = new Set([
  'payload-kv',
  'payload-locked-documents',
  'payload-migrations',
  'payload-preferences',
  'users',
])

/** The plugin's collection slugs, as the logged-in user's permissions list them. */
export const pluginCollections = async (page: Page): Promise<string[]> => {
  const access = await page.evaluate(async () => {
    const response = await fetch('/api/access', { credentials: 'include' })
    return (await response.json()) as { collections: Record<string, unknown> }
  })
  return Object.keys(access.collections).filter((slug) => !appCollections.has(slug))
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

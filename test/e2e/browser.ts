import { type Browser, chromium, type Page } from 'playwright-core'

import { demoLogin } from '../../dev/seed'

export const appUrl = (): string => {
  const url = process.env.E2E_APP_URL
  if (!url) throw new Error('E2E_APP_URL is not set: run browser tests with npm run test:e2e.')
  return url
}

/** The system Chromium (Debian's package); Playwright cannot download browsers here. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  })

export const logIn = async (page: Page, login = demoLogin): Promise<void> => {
  await page.goto(`${appUrl()}/admin/login`)
  await page.fill('#field-email', login.email)
  await page.fill('#field-password', login.password)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 })
}

/** A REST call from the page, with its logged-in auth cookie; the parsed JSON answer. */
export const restFromPage = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ({ body, method, path }) => {
      const response = await fetch(path, {
        body: body ? JSON.stringify(body) : undefined,
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        method,
      })
      return response.json()
    },
    { body, method, path },
  )

import type { Browser, Page } from 'playwright-core'

import { editorPages, visit } from '../screenshots/editorPages'
import { horizontalOverflow, unstyledControls } from '../screenshots/layoutChecks'
import { collectPageErrors } from '../release/adminPages'
import { launchBrowser, logIn } from './browser'

let browser: Browser
let page: Page
let pageErrors: string[]

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { height: 844, width: 390 } })
  page.setDefaultTimeout(60_000)
  pageErrors = collectPageErrors(page)
  await logIn(page)
})

afterAll(async () => {
  await browser?.close()
})

describe.each(editorPages.map((editorPage) => [editorPage.name, editorPage] as const))(
  'the %s page at 390 px',
  (_name, editorPage) => {
    beforeAll(async () => {
      await visit(page, editorPage)
    })

    it('does not scroll sideways', async () => {
      expect(await horizontalOverflow(page)).toBe(0)
    })

    it('has no native unstyled controls in the plugin components', async () => {
      expect(await unstyledControls(page)).toEqual([])
    })

    it('logs no console error and no failed request', () => {
      expect(pageErrors.splice(0)).toEqual([])
    })
  },
)

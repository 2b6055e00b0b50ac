import type { Page } from 'playwright-core'

import { appUrl, restFromPage } from '../e2e/browser'

/** One admin page editors use: how to reach it and what shows once it has rendered. */
export type EditorPage = {
  /** File name stem under docs/screenshots/ (`<name>-1440x900.png`, `<name>-390x844.png`). */
  name: string
  /** The page's address; may create what the page needs first (through `restFromPage`). */
  path: (page: Page) => Promise<string>
  /** A selector that is visible once the page's own content has rendered. */
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
    name: 'deal-board',
    path: async () => '/admin/deal-board',
    ready: '.deal-board[data-hydrated]',
  },
]

export const pageUrl = async (page: Page, editorPage: EditorPage): Promise<string> =>
  `${appUrl()}${await editorPage.path(page)}`

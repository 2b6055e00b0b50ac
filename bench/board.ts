import type { Page } from 'playwright-core'

import pg from 'pg'

import { launchBrowser, logIn } from '../test/e2e/browser'
import { startAppServer, stopAppServer } from '../test/e2e/appServer'
import { startFakePostmarkProcess } from '../test/postmark/fakePostmarkProcess'
import { createBenchDatabase } from './support/benchDatabase'

const stages: [string, string, number][] = [
  ['bench-lead', 'Lead', 10],
  ['bench-qualified', 'Qualified', 25],
  ['bench-proposal', 'Proposal', 50],
  ['bench-negotiation', 'Negotiation', 75],
  ['bench-closing', 'Closing', 90],
]

/** A "Bench" pipeline and `n` open deals spread over its stages, each with a contact, in three statements. */
const seedDeals = async (databaseUrl: string, n: number): Promise<number> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO pipelines (name, updated_at, created_at) VALUES ('Bench', now(), now()) RETURNING id`,
    )
    const pipelineId = rows[0].id
    await client.query(
      `INSERT INTO pipelines_stages (_order, _parent_id, id, name, win_probability, stage_id)
       SELECT s.ord, $1, md5(random()::text), s.name, s.p, s.sid FROM unnest($2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS s(sid, name, p, ord)`,
      [pipelineId, stages.map((s) => s[0]), stages.map((s) => s[1]), stages.map((s) => s[2])],
    )
    await client.query(
      `INSERT INTO deals (title, value, currency, pipeline_id, stage, status, owner_id, updated_at, created_at)
       SELECT 'Bench deal ' || i, 500 + (i * 37) % 20000, 'USD', $1, ($2::text[])[1 + i % $3], 'open', (SELECT min(id) FROM users), now(), now()
       FROM generate_series(1, $4) AS i`,
      [pipelineId, stages.map((s) => s[0]), stages.length, n],
    )
    await client.query(
      `INSERT INTO deals_rels ("order", parent_id, path, contacts_id)
       SELECT 1, d.id, 'contacts', (SELECT min(id) FROM contacts) + d.id % 1000 FROM deals d WHERE d.pipeline_id = $1`,
      [pipelineId],
    )
    await client.query('ANALYZE deals; ANALYZE deals_rels')
    return pipelineId
  } finally {
    await client.end()
  }
}

/**
 * Records, in the page, when every column first shows a card (navigation start = 0). Plain source
 * text, not a function: tsx wraps named functions in a `__name` helper the page does not have.
 */
const watchFirstRender = `
  const ready = () => {
    const columns = document.querySelectorAll('.deal-board__column')
    return columns.length > 0 && [...columns].every((column) => column.querySelector('.deal-board__card'))
  }
  const observer = new MutationObserver(() => {
    if (window.__boardReady === undefined && ready()) {
      window.__boardReady = performance.now()
      observer.disconnect()
    }
  })
  observer.observe(document, { childList: true, subtree: true })
`

const loadBoard = async (page: Page, url: string): Promise<number> => {
  await page.goto(url, { waitUntil: 'commit' })
  await page.waitForFunction(
    () => (window as unknown as { __boardReady?: number }).__boardReady !== undefined,
    undefined,
    { timeout: 900_000 },
  )
  return page.evaluate(() => (window as unknown as { __boardReady: number }).__boardReady)
}

/**
 * `npm run bench -- board --n 5000`: N open deals in one pipeline, the dev app built for production
 * (`next build`, then `next start`, as users run it) serving them, and the board's first render
 * (navigation start to every column showing its first cards) in Chromium, the median of five
 * loads after one unmeasured one.
 */
export const run = async ({ n }: { n: number }) => {
  const database = await createBenchDatabase('board')
  const postmark = await startFakePostmarkProcess({ useEnv: false })
  const port = Number(process.env.BENCH_PORT ?? 3216)
  const server = await startAppServer({
    databaseUrl: database.url,
    minify: true,
    mode: 'production',
    port,
    postmarkUrl: postmark.url,
  })
  const browser = await launchBrowser()
  try {
    const pipelineId = await seedDeals(database.url, n)
    process.env.E2E_APP_URL = server.url
    const page = await browser.newPage({ viewport: { height: 900, width: 1600 } })
    page.setDefaultTimeout(120_000)
    await page.addInitScript({ content: watchFirstRender })
    await logIn(page)
    const url = `${server.url}/admin/deal-board?pipeline=${pipelineId}&status=open`
    await loadBoard(page, url)
    const runs: number[] = []
    for (let i = 0; i < 5; i++) runs.push(Math.round(await loadBoard(page, url)))
    const cards = await page.locator('.deal-board__card').count()
    const sorted = [...runs].sort((a, b) => a - b)
    return {
      bench: 'board',
      cardsShown: cards,
      deals: n,
      firstRenderMs: sorted[Math.floor(sorted.length / 2)],
      runsMs: runs,
    }
  } finally {
    await browser.close()
    stopAppServer(server)
    postmark.stop()
    await database.cleanup()
  }
}

/**
 * `npm run screenshots`: starts the demo app as the browser tests do (fresh database, demo data,
 * production build, a Postmark-compatible server) and writes every editor page at 1440×900 and
 * 390×844 into docs/screenshots/.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { launchBrowser, logIn } from '../e2e/browser'
import startApp from '../e2e/globalSetup'
import stopApp from '../e2e/globalTeardown'
import { editorPages, visit } from './editorPages'

const outputDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../docs/screenshots',
)
const viewports = [
  { height: 900, width: 1440 },
  { height: 844, width: 390 },
]

const takeScreenshots = async (): Promise<void> => {
  mkdirSync(outputDir, { recursive: true })
  const browser = await launchBrowser()
  try {
    for (const viewport of viewports) {
      const page = await browser.newPage({ viewport })
      page.setDefaultTimeout(120_000)
      await logIn(page)
      for (const editorPage of editorPages) {
        await visit(page, editorPage)
        const file = path.join(
          outputDir,
          `${editorPage.name}-${viewport.width}x${viewport.height}.png`,
        )
        await page.screenshot({ path: file })
        console.log(`wrote ${path.relative(process.cwd(), file)}`)
      }
      await page.close()
    }
  } finally {
    await browser.close()
  }
}

process.env.E2E_PORT ??= '3190'
await startApp()
try {
  await takeScreenshots()
} finally {
  await stopApp()
}

import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type FakePostmarkProcess = {
  /** Messages accepted so far, when the server is our fake or the bare pipeline's (null for a real server). */
  acceptedCount: () => Promise<null | number>
  stop: () => void
  url: string
}

/**
 * A Postmark-compatible server for benches and browser tests: POSTMARK_API_URL when set (and
 * `useEnv`), otherwise the fake from cli.ts in a process of its own, so its memory does not count
 * towards a bench's peak RSS and jest's global setup needs no TypeScript module mapping.
 */
export const startFakePostmarkProcess = async ({
  keepBodies = true,
  latencyMs = 0,
  useEnv = true,
}: {
  keepBodies?: boolean
  latencyMs?: number
  useEnv?: boolean
} = {}): Promise<FakePostmarkProcess> => {
  // Our fake answers /__fake/stats; the bare pipeline's (../shared/bare-pipeline) answers /__stats.
  const stats = (url: string) => async () => {
    for (const path of ['/__fake/stats', '/__stats']) {
      const response = await fetch(`${url}${path}`).catch(() => null)
      if (response?.ok) return ((await response.json()) as { accepted: number }).accepted
    }
    return null
  }
  if (useEnv && process.env.POSTMARK_API_URL) {
    return {
      acceptedCount: stats(process.env.POSTMARK_API_URL),
      stop: () => {},
      url: process.env.POSTMARK_API_URL,
    }
  }
  const port = 20000 + Math.floor(Math.random() * 20000)
  const child = spawn(
    process.execPath,
    // Each batch request parses into megabytes of short-lived objects; a larger young generation lets them die there.
    [
      '--max-semi-space-size=64',
      '--import',
      'tsx',
      path.join(root, 'test/postmark/cli.ts'),
      '--port',
      String(port),
      '--latency',
      String(latencyMs),
      '--interval',
      '3600',
      '--keep-bodies',
      String(keepBodies),
    ],
    { cwd: root, env: { ...process.env, NODE_OPTIONS: '' }, stdio: 'ignore' },
  )
  const url = `http://127.0.0.1:${port}`
  for (let attempt = 0; ; attempt++) {
    if ((await stats(url)()) !== null) break
    if (attempt > 200) throw new Error(`The Postmark-compatible server did not start on ${url}.`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { acceptedCount: stats(url), stop: () => child.kill('SIGKILL'), url }
}

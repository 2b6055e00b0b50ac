import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, openSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type AppServer = { logFile: string; process: ChildProcess; url: string }

/** Where an app server started on `port` writes its output; `.ci/run` prints it when a browser test fails. */
export const appLogFile = (port: number): string => path.join(root, 'test/.logs', `app-${port}.log`)

const waitForHttp = async (
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  logFile: string,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `The app exited with code ${child.exitCode} before answering ${url}; its output is in ${logFile}.`,
      )
    }
    try {
      const response = await fetch(url)
      if (response.status < 500) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(
    `The app did not answer ${url} within ${timeoutMs / 1000}s; its output is in ${logFile}.`,
  )
}

/**
 * Runs `npm run dev`'s script against `databaseUrl` on `port`, sending to `postmarkUrl`; waits until
 * the admin answers. Its output goes to `appLogFile(port)` (and the terminal too with E2E_VERBOSE).
 */
export const startAppServer = async ({
  databaseUrl,
  minify = false,
  mode = 'development',
  port,
  postmarkUrl,
}: {
  databaseUrl: string
  /** Minify the production build, as a deployed site would (benches); tests skip it to save CI time. */
  minify?: boolean
  /** 'production' builds the app first (a few minutes) and runs `next start`. */
  mode?: 'development' | 'production'
  port: number
  postmarkUrl: string
}): Promise<AppServer> => {
  const logFile = appLogFile(port)
  mkdirSync(path.dirname(logFile), { recursive: true })
  const log = openSync(logFile, 'w')
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules/tsx/dist/cli.mjs'),
      '--conditions=development',
      path.join(root, 'dev/start.ts'),
    ],
    {
      cwd: root,
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NEXT_DIST_DIR: `.next-${mode === 'production' ? 'prod' : 'e2e'}-${port}`,
        NEXT_MODE: mode,
        NEXT_SKIP_MINIFY: minify ? 'false' : 'true',
        NEXT_SKIP_TYPECHECK: 'true',
        NODE_OPTIONS: '',
        PORT: String(port),
        POSTMARK_API_URL: postmarkUrl,
        PUBLIC_URL: `http://localhost:${port}`,
      },
      stdio: process.env.E2E_VERBOSE ? 'inherit' : ['ignore', log, log],
    },
  )
  const url = `http://localhost:${port}`
  // The first request compiles the admin, which can take a while on a cold cache.
  await waitForHttp(`${url}/admin/login`, child, mode === 'production' ? 900_000 : 300_000, logFile)
  return { logFile, process: child, url }
}

export const stopAppServer = (server: AppServer | undefined): void => {
  if (server?.process.pid) {
    try {
      process.kill(-server.process.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
}

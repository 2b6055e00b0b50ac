import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, openSync, writeSync } from 'node:fs'
import path from 'node:path'

export type Log = { fd: number; file: string }

export const openLog = (file: string): Log => {
  mkdirSync(path.dirname(file), { recursive: true })
  return { fd: openSync(file, 'w'), file }
}

type RunOptions = { cwd: string; env?: NodeJS.ProcessEnv; log: Log }

/** Runs a command to completion, its output into the log; resolves with its stdout, rejects on a non-zero exit. */
export const run = (
  command: string,
  args: string[],
  { cwd, env, log }: RunOptions,
): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', log.fd] })
    let stdout = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      writeSync(log.fd, chunk)
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) return resolve(stdout)
      reject(
        new Error(
          `\`${path.basename(command)} ${args.join(' ')}\` exited with ${code}; its output is in ${log.file}.`,
        ),
      )
    })
  })

export type Server = { process: ChildProcess; stop: () => void }

/** Starts a long-running command in its own process group, its output into the log. */
export const startServer = (
  command: string,
  args: string[],
  { cwd, env, log }: RunOptions,
): Server => {
  const child = spawn(command, args, {
    cwd,
    detached: true,
    env,
    stdio: ['ignore', log.fd, log.fd],
  })
  return {
    process: child,
    stop: () => {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
    },
  }
}

/** Waits until `url` answers below 500; throws if the server exits first or `timeoutMs` passes. */
export const waitForHttp = async (
  url: string,
  server: Server,
  timeoutMs: number,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null) {
      throw new Error(
        `The server exited with code ${server.process.exitCode} before answering ${url}.`,
      )
    }
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    )
    if (status > 0 && status < 500) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s.`)
}

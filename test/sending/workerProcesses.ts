import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { tsxNodeArgs } from '../helpers/tsxArgs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type Worker = { child: ChildProcess; exited: Promise<null | number>; ready: Promise<void> }

/** Starts test/sending/outboxWorker.ts in its own process. */
export const startWorker = (env: { DATABASE_URL: string; POSTMARK_API_URL: string; WORKER_CONCURRENCY?: string }): Worker => {
  // `node --import tsx` rather than the tsx CLI, which runs the script in a child process that a
  // SIGKILL to the CLI would leave running.
  const child = spawn(process.execPath, [...tsxNodeArgs, path.join(root, 'test/sending/outboxWorker.ts')], {
    cwd: root,
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('worker ready')) resolve()
    })
    // 'close' rather than 'exit': only then has everything the worker wrote to stderr arrived.
    child.on('close', (code, signal) =>
      reject(new Error(`worker exited (${code ?? signal}) before it was ready: ${output.slice(-2000)}`)),
    )
  })
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  if (process.env.DEBUG_WORKERS) {
    child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(`[worker ${child.pid}] ${chunk}`))
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[worker ${child.pid}] ${chunk}`))
  }
  const exited = new Promise<null | number>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, ready }
}

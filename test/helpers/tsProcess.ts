import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type TsProcess = {
  child: ChildProcess
  exited: Promise<null | number>
  output: () => string
  ready: Promise<void>
}

/**
 * Runs one of our TypeScript entries (a worker for the crash and multi-process tests) in a process of
 * its own; `ready` resolves once it prints "worker ready". `node --import tsx` rather than the tsx CLI,
 * whose script runs in a grandchild that a SIGKILL to the CLI would leave running.
 *
 * `--conditions=development` makes lexical (which Payload's rich text editor loads) resolve to its
 * plain builds. Without it Node picks lexical's `node` entries, a dozen modules that each pick a build
 * with a top-level `await import()`; on Node 20 that module graph sometimes never settles when the
 * machine is busy, and the process exits with code 13 before running a line of ours.
 */
export const startTsProcess = (
  entry: string,
  env: Record<string, string | undefined>,
  args: string[] = [],
): TsProcess => {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', path.join(root, entry), ...args],
    {
      cwd: root,
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('worker ready')) resolve()
    })
    // 'close' rather than 'exit': only then has everything the process wrote to stderr arrived.
    child.on('close', (code, signal) =>
      reject(
        new Error(
          `${entry} exited (${code ?? signal}) before it was ready: ${output.slice(-2000)}`,
        ),
      ),
    )
  })
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  if (process.env.DEBUG_WORKERS) {
    child.stdout?.on('data', (chunk: Buffer) =>
      process.stderr.write(`[worker ${child.pid}] ${chunk}`),
    )
    child.stderr?.on('data', (chunk: Buffer) =>
      process.stderr.write(`[worker ${child.pid}] ${chunk}`),
    )
  }
  const exited = new Promise<null | number>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, output: () => output, ready }
}

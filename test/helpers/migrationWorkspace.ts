import { spawn } from 'node:child_process'
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type MigrationWorkspace = {
  /** Where `payload migrate:create` writes and `payload migrate` reads, outside the repo. */
  migrationDir: string
  /** Runs Payload's CLI on the workspace config; resolves with its output, rejects when it fails. */
  payload: (args: string[]) => Promise<string>
  remove: () => Promise<void>
}

/**
 * A temporary directory with a Payload config that is the dev app's config (push off) writing its
 * migrations into the directory, and Payload's own CLI to run on it, as a site owner would. The
 * generated migrations import `@payloadcms/db-postgres`, so the directory links the repo's
 * node_modules.
 */
export const createMigrationWorkspace = async (
  databaseUrl: string,
): Promise<MigrationWorkspace> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'em-migrations-'))
  const migrationDir = path.join(dir, 'migrations')
  const configPath = path.join(dir, 'payload.config.ts')
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n')
  await writeFile(
    configPath,
    [
      `import { createDevConfig } from ${JSON.stringify(path.join(root, 'dev/config.ts'))}`,
      `export default createDevConfig({ migrationDir: ${JSON.stringify(migrationDir)}, push: false })`,
      '',
    ].join('\n'),
  )
  const payload = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--conditions=development', path.join(root, 'node_modules/payload/bin.js'), ...args],
        {
          cwd: root,
          env: {
            ...process.env,
            DATABASE_URL: databaseUrl,
            NODE_OPTIONS: '',
            PAYLOAD_CONFIG_PATH: configPath,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.on('error', reject)
      child.on('close', (code) =>
        code === 0
          ? resolve(output)
          : reject(new Error(`payload ${args.join(' ')} exited with ${code}:\n${output}`)),
      )
    })
  return { migrationDir, payload, remove: () => rm(dir, { force: true, recursive: true }) }
}

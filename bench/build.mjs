// Compiles the benches to plain JavaScript in bench/.build (our code bundled, packages left as
// imports), so a bench measures the plugin as production runs it: without a TypeScript loader,
// whose hooks thread alone holds about 100 MB of a process's resident memory.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const bench = path.dirname(fileURLToPath(import.meta.url))
const outdir = path.join(bench, '.build')
rmSync(outdir, { force: true, recursive: true })
await build({
  bundle: true,
  entryPoints: {
    pushSchema: path.join(bench, 'support/pushSchema.ts'),
    run: path.join(bench, 'run.ts'),
  },
  format: 'esm',
  logLevel: 'warning',
  outdir,
  packages: 'external',
  platform: 'node',
  sourcemap: 'linked',
  splitting: true,
  target: 'node20',
})

import { sql } from '@payloadcms/db-postgres'
import { once } from 'node:events'
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { getPayload } from 'payload'

import { createDevConfig } from '../dev/config'
import { importTick } from '../src/imports/importTick'
import { startImport } from '../src/imports/startImport'
import { rowsOf } from '../src/utilities/db'
import { createBenchDatabase } from './support/benchDatabase'
import { peakRssMb } from './support/peakRss'

/** Writes N data rows: 1 in 100 has an invalid address, 1 in 200 repeats an earlier one; backpressure keeps memory flat. */
const writeCsv = async (filePath: string, n: number) => {
  const out = createWriteStream(filePath)
  out.write('Email,First name,Last name,Company,Plan,City\n')
  for (let i = 1; i <= n; i += 1) {
    const email =
      i % 100 === 0
        ? `broken-${i}@`
        : i % 200 === 1 && i > 1
          ? `reader${i - 100}@example.com`
          : `Reader${i}@Example.com`
    const line = `${email},First${i},"Last, ${i}",Company ${i % 997},${i % 3 === 0 ? 'pro' : 'free'},City ${i % 50}\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

/**
 * `npm run bench -- import --n 100000`: generates an N-row CSV on disk (a tenth of its addresses
 * already contacts), uploads it as an import job and runs it through startImport + importTick, the
 * functions behind the admin's start button and the scheduler.
 */
export const run = async ({ n }: { n: number }) => {
  const database = await createBenchDatabase('import')
  const workDir = mkdtempSync(path.join(tmpdir(), 'em-bench-import-'))
  const csvPath = path.join(workDir, 'contacts.csv')
  const payload = await getPayload({
    config: createDevConfig({
      databaseUrl: database.url,
      plugin: {
        imports: { uploadDir: path.join(workDir, 'uploads') },
        scheduler: { enabled: false },
      },
    }),
    key: 'bench-import',
  })
  payload.db.pool.on('error', () => {})
  try {
    await writeCsv(csvPath, n)
    await payload.db.drizzle.execute(sql`
      INSERT INTO contacts (email, status, first_name, created_at, updated_at)
      SELECT 'reader' || i || '@example.com', 'active', 'Existing', now(), now() FROM generate_series(1, ${n}, 10) AS i`)
    const lists = await Promise.all(
      ['News', 'Offers'].map((name) =>
        payload.create({ collection: 'lists', data: { name, slug: '' } }),
      ),
    )
    const tag = await payload.create({ collection: 'tags', data: { name: 'imported' } })
    const job = await payload.create({
      collection: 'contact-imports' as 'users',
      data: { dedupe: 'update', lists: lists.map((list) => list.id), tags: [tag.id] } as never,
      filePath: csvPath,
    })
    const mapping = {
      City: 'attributes.city',
      Company: 'company',
      Email: 'email',
      'First name': 'firstName',
      'Last name': 'lastName',
      Plan: 'attributes.plan',
    }
    const started = performance.now()
    await startImport(payload, Number(job.id), mapping)
    await importTick(payload)
    const seconds = (performance.now() - started) / 1000
    const [result] = rowsOf<{
      inserted: number
      rejected: number
      rows_read: number
      status: string
      updated: number
    }>(
      await payload.db.drizzle.execute(
        sql`SELECT status, rows_read::int, inserted::int, updated::int, rejected::int FROM contact_imports WHERE id = ${job.id}`,
      ),
    )
    if (result.status !== 'done' || result.rows_read !== n) {
      throw new Error(`The import ended ${result.status} after ${result.rows_read} of ${n} rows.`)
    }
    return {
      bench: 'import',
      inserted: result.inserted,
      n,
      peakRssMb: peakRssMb(),
      rejected: result.rejected,
      rowsPerSecond: Math.round(n / seconds),
      seconds: Number(seconds.toFixed(2)),
      updated: result.updated,
    }
  } finally {
    await payload.destroy()
    rmSync(workDir, { force: true, recursive: true })
    await database.cleanup()
  }
}

import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { rm } from 'node:fs/promises'

import type { RejectedRow } from './classifyRow.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { addressHash } from '../privacy/addressHash.js'
import { tableOf } from '../utilities/db.js'
import { classifyRow } from './classifyRow.js'
import { type ColumnMapping, compileMapping } from './columnMapping.js'
import { csvRecords } from './csvRecords.js'
import { importFilePath } from './importFilePath.js'
import { type ChunkRow, type ImportSettings, writeChunk } from './writeChunk.js'

type ImportJob = {
  checkpoint?: null | number
  consent?: { source?: null | string; text?: null | string }
  dedupe: 'skip' | 'update'
  filename?: null | string
  id: number
  listStatus?: 'pending' | 'subscribed' | null
  lists?: (number | { id: number })[] | null
  mapping?: unknown
  publishEvents?: boolean | null
  tags?: (number | { id: number })[] | null
}

const idsOf = (values: ImportJob['lists']): number[] =>
  (values ?? []).map((value) => (typeof value === 'number' ? value : value.id))

const settingsOf = (job: ImportJob): ImportSettings => ({
  consentSource: job.consent?.source || null,
  consentText: job.consent?.text || null,
  dedupe: job.dedupe,
  id: job.id,
  listIds: idsOf(job.lists),
  listStatus: job.listStatus ?? 'subscribed',
  recordEvents: Boolean(job.publishEvents),
  tagIds: idsOf(job.tags),
})

/**
 * Streams a claimed (status `running`) import's CSV into contacts, one committed chunk at a time,
 * starting after the job's checkpoint; rows before it are only re-read to rebuild the set of
 * addresses already seen in the file. While a chunk is written the next one is parsed; at most one
 * write is in flight, so checkpoints commit in file order. Marks the job `done` at the end.
 */
export const processImport = async (payload: Payload, importId: number): Promise<void> => {
  const { imports, secret, slugs } = pluginOptionsOf(payload)
  const job = (await payload.findByID({
    collection: slugs.contactImports as 'users',
    depth: 0,
    id: importId,
  })) as unknown as ImportJob
  if (!job.filename) throw new Error('The import has no uploaded file.')
  const settings = settingsOf(job)
  let checkpoint = job.checkpoint ?? 0
  const seen = new Set<string>()
  let mapping: null | ReturnType<typeof compileMapping> = null
  let row = 0
  let accepted: ChunkRow[] = []
  let rejected: RejectedRow[] = []
  let writing: Promise<void> = Promise.resolve()
  const filePath = importFilePath(imports.uploadDir, job.filename)
  const records = csvRecords(filePath)
  const flush = async () => {
    const chunk = {
      accepted,
      bytesRead: records.info.bytes,
      fromCheckpoint: checkpoint,
      rejected,
      toCheckpoint: row,
    }
    accepted = []
    rejected = []
    await writing
    checkpoint = chunk.toCheckpoint
    writing = writeChunk(payload, settings, chunk).then(() => undefined)
    // Handled here so a failure while the next chunk is parsed is not an unhandled rejection; it is
    // still thrown where `writing` is awaited.
    writing.catch(() => {})
  }
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      if (!mapping) {
        mapping = compileMapping(
          record.map((cell) => cell.trim()),
          (job.mapping ?? {}) as ColumnMapping,
        )
        continue
      }
      row += 1
      const outcome = classifyRow(record, row, mapping, seen)
      if (row <= checkpoint) continue
      if ('rejected' in outcome) rejected.push(outcome.rejected)
      else
        accepted.push({
          ...outcome.accepted,
          hash: addressHash(secret, outcome.accepted.email),
          raw: record,
        })
      if (accepted.length + rejected.length >= imports.chunkSize) await flush()
    }
    if (!mapping) throw new Error('The file is empty: it has no header row.')
    await flush()
  } finally {
    // A failed write must surface even when parsing failed too; the last write is always awaited.
    records.destroy()
    await writing
  }
  const finished = await payload.db.drizzle.execute(sql`
    UPDATE ${tableOf(payload, slugs.contactImports)} SET status = 'done', finished_at = now(), lease_until = NULL, updated_at = now()
    WHERE id = ${importId} AND status = 'running' AND checkpoint = ${checkpoint}`)
  // The upload holds customer data: once every row is in, only the rejected-rows report is kept.
  // A failed import keeps its file, since it resumes from its checkpoint.
  if ((finished as unknown as { rowCount?: number }).rowCount === 1)
    await rm(filePath, { force: true })
}

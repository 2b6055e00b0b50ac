import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ImportRow, RejectedRow } from './classifyRow.js'

import { publishContactEvent } from '../events/contactEvents.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { addressHash } from '../privacy/addressHash.js'
import { arrayParam, rowsOf, tableOf } from '../utilities/db.js'
import { classifyRow } from './classifyRow.js'
import { type ColumnMapping, compileMapping } from './columnMapping.js'
import { csvRecords } from './csvRecords.js'
import { importFilePath } from './importFilePath.js'
import { type ChunkResult, type ImportSettings, writeChunk } from './writeChunk.js'

type ImportJob = {
  checkpoint?: null | number
  consent?: { source?: null | string; text?: null | string }
  dedupe: 'skip' | 'update'
  filename?: null | string
  id: number
  listStatus?: 'pending' | 'subscribed' | null
  lists?: (number | { id: number })[] | null
  mapping?: unknown
  tags?: (number | { id: number })[] | null
}

const idsOf = (values: ImportJob['lists']): number[] => (values ?? []).map((value) => (typeof value === 'number' ? value : value.id))

/** Moves erased addresses from `accepted` to the rejections: an erasure is not undone by an import. */
const rejectErased = async (payload: Payload, accepted: ImportRow[], rejected: RejectedRow[], raw: Map<number, string[]>) => {
  if (accepted.length === 0) return accepted
  const { secret, slugs } = pluginOptionsOf(payload)
  const hashes = accepted.map((row) => addressHash(secret, row.email))
  const erased = new Set(
    rowsOf<{ hash: string }>(
      await payload.db.drizzle.execute(
        sql`SELECT hash FROM ${tableOf(payload, slugs.erasedAddresses)} WHERE hash = ANY(${arrayParam(hashes)}::text[])`,
      ),
    ).map((row) => row.hash),
  )
  if (erased.size === 0) return accepted
  return accepted.filter((row, index) => {
    if (!erased.has(hashes[index])) return true
    rejected.push({ email: row.email, raw: raw.get(row.row) ?? [], reason: 'erased address', row: row.row })
    return false
  })
}

const publishChunkEvents = async (payload: Payload, result: ChunkResult) => {
  for (const { contactId, listId } of result.newSubscriptions) {
    await publishContactEvent(payload, { contactId, listId, type: 'list.subscribed' })
  }
  for (const { contactId, tagId } of result.newTags) {
    await publishContactEvent(payload, { contactId, tagId, type: 'tag.added' })
  }
}

/**
 * Streams a claimed (status `running`) import's CSV into contacts, one committed chunk at a time,
 * starting after the job's checkpoint; rows before it are only re-read to rebuild the set of
 * addresses already seen in the file. Marks the job `done` at the end of the file.
 */
export const processImport = async (payload: Payload, importId: number): Promise<void> => {
  const { imports, slugs } = pluginOptionsOf(payload)
  const job = (await payload.findByID({ collection: slugs.contactImports as 'users', depth: 0, id: importId })) as unknown as ImportJob
  if (!job.filename) throw new Error('The import has no uploaded file.')
  const filePath = importFilePath(imports.uploadDir, job.filename)
  const settings: ImportSettings = {
    consentSource: job.consent?.source || null,
    consentText: job.consent?.text || null,
    dedupe: job.dedupe,
    id: job.id,
    listIds: idsOf(job.lists),
    listStatus: job.listStatus ?? 'subscribed',
    tagIds: idsOf(job.tags),
  }
  let checkpoint = job.checkpoint ?? 0
  const seen = new Set<string>()
  let mapping: null | ReturnType<typeof compileMapping> = null
  let row = 0
  let accepted: ImportRow[] = []
  let rejected: RejectedRow[] = []
  let raw = new Map<number, string[]>()
  const flush = async () => {
    const kept = await rejectErased(payload, accepted, rejected, raw)
    const result = await writeChunk(payload, settings, { accepted: kept, bytesRead: records.info.bytes, fromCheckpoint: checkpoint, rejected, toCheckpoint: row })
    checkpoint = row
    accepted = []
    rejected = []
    raw = new Map()
    await publishChunkEvents(payload, result)
  }
  const records = csvRecords(filePath)
  for await (const record of records as AsyncIterable<string[]>) {
    if (!mapping) {
      mapping = compileMapping(record.map((cell) => cell.trim()), (job.mapping ?? {}) as ColumnMapping)
      continue
    }
    row += 1
    const outcome = classifyRow(record, row, mapping, seen)
    if (row <= checkpoint) continue
    if ('rejected' in outcome) rejected.push(outcome.rejected)
    else {
      accepted.push(outcome.accepted)
      raw.set(row, record)
    }
    if (accepted.length + rejected.length >= imports.chunkSize) await flush()
  }
  if (!mapping) throw new Error('The file is empty: it has no header row.')
  await flush()
  await payload.db.drizzle.execute(sql`
    UPDATE ${tableOf(payload, slugs.contactImports)} SET status = 'done', finished_at = now(), lease_until = NULL, updated_at = now()
    WHERE id = ${importId} AND status = 'running' AND checkpoint = ${checkpoint}`)
}

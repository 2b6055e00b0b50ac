import type { Payload } from 'payload'

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { slugs } from '../helpers/slugs'

/** A fresh upload directory for one test file's import CSVs. */
export const tempUploadDir = (name: string): string =>
  mkdtempSync(path.join(tmpdir(), `em-${name}-`))

/** Creates an import job (a `draft`) with the CSV text as its uploaded file, the way the admin upload does. */
export const createImportJob = async (
  payload: Payload,
  csv: string,
  data: Record<string, unknown> = {},
  filename = 'contacts.csv',
): Promise<{ id: number }> => {
  const buffer = Buffer.from(csv, 'utf8')
  const doc = await payload.create({
    collection: slugs.contactImports as 'users',
    data: data as never,
    file: { data: buffer, mimetype: 'text/csv', name: filename, size: buffer.length },
  })
  return { id: Number(doc.id) }
}

/** The job's counters and status, read through the Local API. */
export const jobState = async (payload: Payload, id: number) => {
  const job = (await payload.findByID({
    collection: slugs.contactImports as 'users',
    depth: 0,
    id,
  })) as unknown as Record<string, unknown>
  const { checkpoint, error, inserted, rejected, rowsRead, skipped, status, updated } = job
  return { checkpoint, error, inserted, rejected, rowsRead, skipped, status, updated }
}

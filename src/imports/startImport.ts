import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { existsSync } from 'node:fs'

import { EmailMarketingError } from '../errors/EmailMarketingError.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'
import { withExistingAttributeKeys } from './attributeKeys.js'
import { type ColumnMapping, compileMapping, ImportMappingError } from './columnMapping.js'
import { readCsvHeader } from './csvRecords.js'
import { importFilePath } from './importFilePath.js'

/** The import cannot start: unknown id, wrong status, no file, or a bad mapping. `status` is the HTTP answer. */
export class ImportStartError extends EmailMarketingError {}

/** The uploaded file's header, or an ImportStartError an admin can act on. */
export const importHeader = async (payload: Payload, importId: number): Promise<string[]> => {
  const { imports, slugs } = pluginOptionsOf(payload)
  const job = await payload
    .findByID({
      collection: slugs.contactImports as 'users',
      depth: 0,
      disableErrors: true,
      id: importId,
    })
    .then((doc) => doc as unknown as { filename?: null | string } | null)
  if (!job) throw new ImportStartError(`No import with id ${importId}.`, 404)
  if (!job.filename) throw new ImportStartError('Upload a CSV file first.', 400)
  const filePath = importFilePath(imports.uploadDir, job.filename)
  if (!existsSync(filePath))
    throw new ImportStartError('The uploaded file is missing from the upload directory.', 409)
  const header = await readCsvHeader(filePath)
  if (header.length === 0)
    throw new ImportStartError('The file is empty: it has no header row.', 400)
  return header
}

/**
 * Saves the column mapping and queues the import (`draft` or `failed` -> `pending`); a worker then
 * claims it (see importTick). A failed import resumes after its last committed row.
 */
export const startImport = async (
  payload: Payload,
  importId: number,
  requestedMapping: ColumnMapping,
): Promise<void> => {
  const header = await importHeader(payload, importId)
  const mapping = await withExistingAttributeKeys(payload, requestedMapping)
  try {
    compileMapping(header, mapping)
  } catch (error) {
    if (error instanceof ImportMappingError) throw new ImportStartError(error.message, 400)
    throw error
  }
  const { slugs } = pluginOptionsOf(payload)
  const queued = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(sql`
      UPDATE ${tableOf(payload, slugs.contactImports)} SET status = 'pending', mapping = ${JSON.stringify(mapping)}::jsonb,
        error = NULL, finished_at = NULL, updated_at = now()
      WHERE id = ${importId} AND status IN ('draft', 'failed')
      RETURNING id`),
  )
  if (queued.length === 0)
    throw new ImportStartError('Only a draft or failed import can be started.', 409)
}

import type { Endpoint, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { stringify } from 'csv-stringify/sync'
import { APIError } from 'payload'

import { csvResponse } from '../../http/csvResponse.js'
import { guard } from '../../access/guard.js'
import { answeringErrors } from '../../errors/toApiError.js'
import { readJsonBody } from '../../http/requestBody.js'
import { recordAudit } from '../../access/recordAudit.js'
import { idParam } from '../../http/idParam.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'
import { withExistingAttributeKeys } from '../attributeKeys.js'
import { type ColumnMapping, suggestMapping } from '../columnMapping.js'
import { kickImports } from '../runImportTick.js'
import { importHeader, startImport } from '../startImport.js'

/** The uploaded file's header and a mapping to start from (the saved one, else a guess). */
const header = async (req: PayloadRequest): Promise<Response> => {
  await guard(req, 'import')
  const importId = idParam(req)
  const columns = await answeringErrors(() => importHeader(req.payload, importId))
  const job = await req.payload.findByID({
    collection: pluginOptionsOf(req.payload).slugs.contactImports as 'users',
    depth: 0,
    id: importId,
  })
  const saved = (job as unknown as { mapping?: ColumnMapping | null }).mapping
  const suggested = await withExistingAttributeKeys(req.payload, suggestMapping(columns))
  return Response.json({ columns, mapping: { ...suggested, ...saved } })
}

const isMapping = (value: unknown): value is ColumnMapping =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((target) => typeof target === 'string')

const start = async (req: PayloadRequest): Promise<Response> => {
  await guard(req, 'import')
  const importId = idParam(req)
  const body = await readJsonBody(req)
  if (!isMapping(body.mapping))
    throw new APIError('Send { "mapping": { "<CSV header>": "<target>" } }.', 400)
  const mapping = body.mapping
  await answeringErrors(() => startImport(req.payload, importId, mapping))
  await recordAudit(req, {
    action: 'import.start',
    details: { mapping },
    target: `contact-imports:${importId}`,
  })
  kickImports(req.payload)
  return Response.json({ status: 'pending' })
}

async function* rejectionPages(
  req: PayloadRequest,
  importId: number,
): AsyncGenerator<Record<string, unknown>[]> {
  const { payload } = req
  const table = tableOf(payload, pluginOptionsOf(payload).slugs.importRejections)
  let lastRow = 0
  for (;;) {
    const rows = rowsOf<{ email: null | string; raw: string[]; reason: string; row: number }>(
      await payload.db.drizzle.execute(sql`
        SELECT "row"::int AS "row", email, reason, raw FROM ${table} WHERE import_id = ${importId} AND "row" > ${lastRow}
        ORDER BY "row" LIMIT 2000`),
    )
    if (rows.length === 0) return
    lastRow = rows[rows.length - 1].row
    yield rows.map((row) => ({
      ...row,
      line: row.row + 1,
      raw: stringify([row.raw ?? []]).replace(/\r?\n$/, ''),
    }))
  }
}

/** The rejected-rows report: CSV line number, address, reason and the row as it was in the file. */
const rejectedReport = async (req: PayloadRequest): Promise<Response> => {
  await guard(req, 'import')
  const importId = idParam(req)
  const job = await req.payload.findByID({
    collection: pluginOptionsOf(req.payload).slugs.contactImports as 'users',
    depth: 0,
    disableErrors: true,
    id: importId,
    overrideAccess: false,
    req,
  })
  if (!job) throw new APIError(`No import with id ${importId}.`, 404)
  return csvResponse(
    `import-${importId}-rejected.csv`,
    ['line', 'email', 'reason', 'raw'],
    rejectionPages(req, importId),
  )
}

/** `importAccess` endpoints behind the import job's edit view. */
export const importEndpoints: Endpoint[] = [
  { handler: header, method: 'get', path: '/email-marketing/imports/:id/header' },
  { handler: start, method: 'post', path: '/email-marketing/imports/:id/start' },
  { handler: rejectedReport, method: 'get', path: '/email-marketing/imports/:id/rejected' },
]

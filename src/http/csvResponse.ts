import { stringify } from 'csv-stringify/sync'

import { csvCell } from '../dataExport/neutralizeFormula.js'

/**
 * A streamed CSV download: the header, then each page the generator yields, converted as it comes,
 * so a million rows never sit in memory at once.
 */
export const csvResponse = (
  filename: string,
  columns: readonly string[],
  pages: AsyncIterable<Record<string, unknown>[]>,
): Response => {
  const encoder = new TextEncoder()
  const iterator = pages[Symbol.asyncIterator]()
  let headerSent = false
  const body = new ReadableStream<Uint8Array>({
    async cancel() {
      await iterator.return?.()
    },
    async pull(controller) {
      if (!headerSent) {
        headerSent = true
        controller.enqueue(encoder.encode(stringify([columns.map(csvCell)])))
        return
      }
      const next = await iterator.next()
      if (next.done) {
        controller.close()
        return
      }
      const rows = next.value.map((row) => columns.map((column) => csvCell(row[column])))
      if (rows.length > 0) controller.enqueue(encoder.encode(stringify(rows)))
    },
  })
  return new Response(body, {
    headers: {
      'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'Content-Type': 'text/csv; charset=utf-8',
    },
  })
}

import { parse } from 'csv-parse'
import { createReadStream } from 'node:fs'

/**
 * Streams a CSV file record by record (arrays of cells); the file is never held in memory.
 * A UTF-8 BOM is dropped, rows may have fewer or more cells than the header, blank lines are skipped.
 */
export const csvRecords = (filePath: string): AsyncIterable<string[]> =>
  createReadStream(filePath).pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }))

/** The first record of the file: its header. */
export const readCsvHeader = async (filePath: string): Promise<string[]> => {
  const parser = csvRecords(filePath) as AsyncIterable<string[]> & { destroy?: () => void }
  for await (const record of parser) {
    parser.destroy?.()
    return record.map((cell) => cell.trim())
  }
  return []
}

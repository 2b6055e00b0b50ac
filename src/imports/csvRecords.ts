import { type Parser, parse } from 'csv-parse'
import { createReadStream } from 'node:fs'

/**
 * Streams a CSV file record by record (arrays of cells); the file is never held in memory.
 * A UTF-8 BOM is dropped, rows may have fewer or more cells than the header, blank lines are skipped.
 * A read error (missing file...) ends the iteration with that error instead of hanging it.
 */
export const csvRecords = (filePath: string): Parser => {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  })
  const source = createReadStream(filePath)
  source.on('error', (error) => parser.destroy(error))
  parser.on('close', () => source.destroy())
  return source.pipe(parser)
}

/** The first record of the file: its header. */
export const readCsvHeader = async (filePath: string): Promise<string[]> => {
  const records = csvRecords(filePath)
  for await (const record of records) {
    records.destroy()
    return (record as string[]).map((cell) => cell.trim())
  }
  return []
}

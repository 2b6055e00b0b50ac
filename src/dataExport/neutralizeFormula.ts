const formulaStart = /^[=+\-@\t\r]/

/**
 * Spreadsheet apps run a cell that starts with = + - @ (or a tab/CR before one) as a formula; a
 * leading single quote makes them show it as text (OWASP "CSV injection").
 */
export const neutralizeFormula = (value: string): string =>
  formulaStart.test(value) ? `'${value}` : value

/** One CSV cell: null/undefined empty, objects as JSON, every string neutralised. */
export const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString()
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  return neutralizeFormula(text)
}

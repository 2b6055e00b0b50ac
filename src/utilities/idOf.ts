/** The id of a relationship value, whether it arrives as an id or a populated document. */
export const idOf = (value: unknown): null | number | string => {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'object') return idOf((value as { id?: unknown }).id)
  return value as number | string
}

/** idOf for the plugin's collections, whose ids are Postgres serials; null when empty or not a number. */
export const numericIdOf = (value: unknown): null | number => {
  const id = Number(idOf(value) ?? Number.NaN)
  return Number.isFinite(id) ? id : null
}

/** The id of a relationship value, whether it arrives as an id or a populated document. */
export const idOf = (value: unknown): null | number | string => {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'object') return idOf((value as { id?: unknown }).id)
  return value as number | string
}

import {
  type RelationValue,
  type SegmentCondition,
  SegmentConditionError,
} from './conditionTypes.js'

export const requireText = (condition: SegmentCondition, path: string): string => {
  const value = condition.value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string' || value === '')
    throw new SegmentConditionError('enter a value.', path, 'value')
  return value
}

export const requireDate = (condition: SegmentCondition, path: string): Date => {
  const date = condition.date ? new Date(condition.date) : null
  const year = date?.getUTCFullYear() ?? Number.NaN
  // Postgres timestamps and to_char days hold years 1 to 9999 in the forms we compare.
  if (!date || !(year >= 1 && year <= 9999))
    throw new SegmentConditionError('choose a date.', path, 'date')
  return date
}

export const requireDays = (condition: SegmentCondition, path: string): number => {
  const days = condition.days
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 36_500) {
    throw new SegmentConditionError('enter a whole number of days.', path, 'days')
  }
  return days
}

const positiveId = (value: unknown): null | number => {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null
}

/** The id of a relationship value (plain id or populated document). */
export const requireId = (
  value: RelationValue | null | number,
  what: string,
  path: string,
  field?: keyof SegmentCondition,
): number => {
  const id = positiveId(value && typeof value === 'object' ? value.id : value)
  if (id === null) throw new SegmentConditionError(`choose ${what}.`, path, field)
  return id
}

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'
import type { CompileScope } from './compileScope.js'

import { arrayParam } from '../utilities/db.js'
import {
  contactFieldColumns,
  type SegmentCondition,
  SegmentConditionError,
} from './conditionTypes.js'
import { requireDate, requireDays, requireText } from './conditionValues.js'

const likePattern = (value: string, prefix: string, suffix: string) =>
  `${prefix}${value.replace(/[\\%_]/g, (char) => `\\${char}`)}${suffix}`

/** Text comparisons shared by contact fields and attributes; every branch is NULL-free. */
const compileText = (
  column: SQL,
  condition: SegmentCondition,
  path: string,
  equals?: () => SQL,
): SQL => {
  switch (condition.operator) {
    case 'contains':
      return sql`(${column} IS NOT NULL AND ${column} ILIKE ${likePattern(requireText(condition, path), '%', '%')})`
    case 'equals':
      return equals
        ? equals()
        : sql`(${column} IS NOT NULL AND ${column} = ${requireText(condition, path)})`
    case 'isEmpty':
      return sql`coalesce(${column}, '') = ''`
    case 'isNotEmpty':
      return sql`coalesce(${column}, '') <> ''`
    case 'notContains':
      return sql`(${column} IS NULL OR ${column} NOT ILIKE ${likePattern(requireText(condition, path), '%', '%')})`
    case 'notEquals':
      return equals
        ? sql`NOT ${equals()}`
        : sql`(${column} IS NULL OR ${column} <> ${requireText(condition, path)})`
    case 'startsWith':
      return sql`(${column} IS NOT NULL AND ${column} ILIKE ${likePattern(requireText(condition, path), '', '%')})`
    default:
      throw new SegmentConditionError(`"${condition.operator}" does not apply to text.`, path)
  }
}

export const compileContactField = (
  condition: SegmentCondition,
  path: string,
  scope: CompileScope,
): SQL => {
  const field = condition.field
  if (!field || !Object.hasOwn(contactFieldColumns, field)) {
    throw new SegmentConditionError('choose a contact field.', path, 'field')
  }
  const raw = sql`${scope.contact}.${sql.identifier(contactFieldColumns[field])}`
  const column = field === 'status' ? sql`${raw}::text` : raw
  // Emails are stored lower-cased, so an exact match must be too.
  const normalized =
    field === 'email' && typeof condition.value === 'string'
      ? { ...condition, value: condition.value.trim().toLowerCase() }
      : condition
  return compileText(column, normalized, path)
}

const jsonCandidates = (value: string): unknown[] => {
  const candidates: unknown[] = [value]
  if (/^-?\d+(\.\d+)?$/.test(value.trim())) candidates.push(Number(value))
  if (value === 'true' || value === 'false') candidates.push(value === 'true')
  return candidates
}

const nest = (keys: string[], leaf: unknown): unknown =>
  keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), leaf)

const attributePath = (condition: SegmentCondition, path: string): string[] => {
  const keys = (condition.attribute ?? '')
    .trim()
    .split('.')
    .map((key) => key.trim())
  if (keys.some((key) => key === '') || keys.join('.').length > 200) {
    throw new SegmentConditionError(
      'give the attribute name (dots for nested keys, e.g. address.city).',
      path,
      'attribute',
    )
  }
  return keys
}

const isoDayPattern = '^[0-9]{4}-[0-9]{2}-[0-9]{2}'

export const compileAttribute = (
  condition: SegmentCondition,
  path: string,
  scope: CompileScope,
): SQL => {
  const keys = attributePath(condition, path)
  const attributes = sql`${scope.contact}.attributes`
  const text = sql`(${attributes} #>> ${arrayParam(keys)}::text[])`
  const day = (value: SQL) => sql`to_char(${value}, 'YYYY-MM-DD')`
  const datedText = (comparison: SQL) =>
    sql`coalesce(${text} ~ ${isoDayPattern} AND ${comparison}, false)`
  const numeric = (operator: SQL) => {
    const bound = requireText(condition, path)
    if (!/^-?\d+(\.\d+)?$/.test(bound.trim()))
      throw new SegmentConditionError('the value must be a number.', path, 'value')
    return sql`coalesce(CASE WHEN ${text} ~ '^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$' THEN ${text}::numeric END ${operator} ${bound.trim()}::numeric, false)`
  }
  switch (condition.operator) {
    case 'after':
      return datedText(
        sql`left(${text}, 10) > ${requireDate(condition, path).toISOString().slice(0, 10)}`,
      )
    case 'before':
      return datedText(
        sql`left(${text}, 10) < ${requireDate(condition, path).toISOString().slice(0, 10)}`,
      )
    case 'greaterThan':
      return numeric(sql`>`)
    case 'lessThan':
      return numeric(sql`<`)
    case 'withinLastDays': {
      const days = requireDays(condition, path)
      return datedText(
        sql`left(${text}, 10) BETWEEN ${day(sql`${scope.now} - make_interval(days => ${days}::int)`)} AND ${day(scope.now)}`,
      )
    }
    default: {
      // Containment keeps `equals` on the GIN index of attributes; a number-looking value matches both forms.
      const equals = () => {
        const candidates = jsonCandidates(requireText(condition, path)).map(
          (candidate) => sql`${attributes} @> ${JSON.stringify(nest(keys, candidate))}::jsonb`,
        )
        return sql`(${attributes} IS NOT NULL AND (${sql.join(candidates, sql` OR `)}))`
      }
      return compileText(text, condition, path, equals)
    }
  }
}

export const compileCreatedAt = (
  condition: SegmentCondition,
  path: string,
  scope: CompileScope,
): SQL => {
  const column = sql`${scope.contact}.created_at`
  switch (condition.operator) {
    case 'after':
      return sql`${column} > ${requireDate(condition, path).toISOString()}::timestamptz`
    case 'before':
      return sql`${column} < ${requireDate(condition, path).toISOString()}::timestamptz`
    case 'withinLastDays':
      return sql`${column} >= ${scope.now} - make_interval(days => ${requireDays(condition, path)}::int)`
    default:
      throw new SegmentConditionError(
        `"${condition.operator}" does not apply to the created date.`,
        path,
      )
  }
}

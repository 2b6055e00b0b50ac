import type {
  SegmentCondition,
  SegmentConditionGroup,
  SegmentConditions,
} from './conditionTypes.js'

import { matchModes, SegmentConditionError } from './conditionTypes.js'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Admin form state holds an empty array field as its row count, so a number means "no rows". */
const listAt = (value: unknown, path: string, what: string): unknown[] => {
  if (value === undefined || value === null || typeof value === 'number') return []
  if (!Array.isArray(value)) throw new SegmentConditionError(`${what} must be a list.`, path)
  return value
}

const matchAt = (value: unknown, path: string): 'all' | 'any' => {
  if (value === undefined || value === null || value === '') return 'all'
  if (!(matchModes as readonly unknown[]).includes(value))
    throw new SegmentConditionError('choose whether all or any rules must match.', path)
  return value as 'all' | 'any'
}

/** Postgres text cannot hold NUL, so such a value would fail the query instead of the rule. */
const assertNoNul = (value: unknown, path: string): void => {
  if (typeof value === 'string' && value.includes('\u0000'))
    throw new SegmentConditionError('a value contains an invalid character.', path)
  if (Array.isArray(value)) value.forEach((item) => assertNoNul(item, path))
  else if (isRecord(value)) Object.values(value).forEach((item) => assertNoNul(item, path))
}

const isText = (value: unknown) => typeof value === 'string'
const isNumber = (value: unknown) => typeof value === 'number'
const isTextOrNumber = (value: unknown) => isText(value) || isNumber(value)
const isRelation = (value: unknown) =>
  isTextOrNumber(value) || (isRecord(value) && isTextOrNumber(value.id))

/** What each rule field may hold (empty is always allowed); the compilers check the values. */
const fieldKinds: Record<string, [check: (value: unknown) => boolean, kind: string]> = {
  attribute: [isText, 'the attribute name must be text'],
  campaignId: [isTextOrNumber, 'choose a campaign'],
  date: [isText, 'choose a date'],
  days: [isNumber, 'enter a whole number of days'],
  field: [isText, 'choose a contact field'],
  list: [isRelation, 'choose a list'],
  messageId: [isTextOrNumber, 'choose a message'],
  operator: [isText, 'choose an operator'],
  tag: [isRelation, 'choose a tag'],
  type: [isText, 'choose what the condition looks at'],
  value: [isTextOrNumber, 'the value must be text or a number'],
}

const conditionAt = (value: unknown, path: string): SegmentCondition => {
  if (!isRecord(value)) throw new SegmentConditionError('a rule must be an object.', path)
  assertNoNul(value, path)
  for (const [key, [check, message]] of Object.entries(fieldKinds)) {
    const field = value[key]
    if (field !== undefined && field !== null && field !== '' && !check(field))
      throw new SegmentConditionError(`${message}.`, path, key as keyof SegmentCondition)
  }
  return value as SegmentCondition
}

const groupAt = (value: unknown, path: string): SegmentConditionGroup => {
  if (!isRecord(value)) throw new SegmentConditionError('a group must be an object.', path)
  return {
    conditions: listAt(value.conditions, `${path}.conditions`, 'conditions').map((condition, i) =>
      conditionAt(condition, `${path}.conditions.${i}`),
    ),
    match: matchAt(value.match, `${path}.match`),
  }
}

/**
 * A rule tree of any origin (a saved segment, the builder's unsaved form, a request body) checked
 * for shape: groups and conditions are lists of objects and `match` is all or any. Throws
 * `SegmentConditionError` naming the offending path; the compilers then check each rule's values.
 */
export const ruleTreeOf = (input: unknown): SegmentConditions => {
  if (input === undefined || input === null) return { groups: [], match: 'all' }
  if (!isRecord(input))
    throw new SegmentConditionError('the rules must be an object with match and groups.', 'rules')
  return {
    groups: listAt(input.groups, 'groups', 'groups').map((group, g) =>
      groupAt(group, `groups.${g}`),
    ),
    match: matchAt(input.match, 'match'),
  }
}

import {
  campaignOperators,
  contactFieldColumns,
  dateValueOperators,
  dayCountOperators,
  messageOperators,
  operatorsByType,
  type SegmentCondition,
  SegmentConditionError,
  type SegmentConditions,
  valueOperators,
} from './conditionTypes.js'
import { requireDate, requireDays, requireId, requireText } from './conditionValues.js'
import { ruleTreeOf } from './ruleTree.js'

/** A rule the builder cannot count yet: where it is, which of its fields to fill and why. */
export interface RuleGap {
  field?: keyof SegmentCondition
  message: string
  path: string
}

/**
 * Throws the `SegmentConditionError` the compilers would throw for a rule that is not filled in
 * (same messages, same value checks), without a database: the builder runs it in the browser.
 */
export const checkRuleComplete = (condition: SegmentCondition, path: string): void => {
  const { operator, type } = condition
  if (!type || !Object.hasOwn(operatorsByType, type))
    throw new SegmentConditionError('choose what the condition looks at.', path, 'type')
  if (!operator || !(operatorsByType[type] as readonly string[]).includes(operator))
    throw new SegmentConditionError('choose an operator.', path, 'operator')
  if (
    type === 'contactField' &&
    !(condition.field && Object.hasOwn(contactFieldColumns, condition.field))
  )
    throw new SegmentConditionError('choose a contact field.', path, 'field')
  if (type === 'attribute' && !condition.attribute?.trim())
    throw new SegmentConditionError('give the attribute name.', path, 'attribute')
  if (type === 'tag') requireId(condition.tag, 'a tag', path, 'tag')
  if (type === 'listStatus') requireId(condition.list, 'a list', path, 'list')
  if (valueOperators.includes(operator) && type !== 'createdAt') {
    const value = requireText(condition, path)
    if (
      (operator === 'greaterThan' || operator === 'lessThan') &&
      !/^\s*-?\d+(\.\d+)?\s*$/.test(value)
    )
      throw new SegmentConditionError('the value must be a number.', path, 'value')
  }
  if (dateValueOperators.includes(operator)) requireDate(condition, path)
  if (dayCountOperators.includes(operator)) requireDays(condition, path)
  if (campaignOperators.includes(operator))
    requireId(condition.campaignId, 'a campaign', path, 'campaignId')
  if (messageOperators.includes(operator))
    requireId(condition.messageId, 'a message', path, 'messageId')
}

/**
 * The rules as far as they are filled in, plus what is missing: a shape error (a list that is not
 * a list) leaves no rules at all, an unfinished rule is left out and named. Groups keep their
 * places, so a gap's path is the one the form shows.
 */
export const completeRulesOf = (input: unknown): { gaps: RuleGap[]; rules: SegmentConditions } => {
  const gaps: RuleGap[] = []
  const gapOf = (error: unknown): RuleGap => {
    if (!(error instanceof SegmentConditionError)) throw error
    return { field: error.field, message: error.message, path: error.path }
  }
  let tree: SegmentConditions
  try {
    tree = ruleTreeOf(input)
  } catch (error) {
    return { gaps: [gapOf(error)], rules: { groups: [], match: 'all' } }
  }
  const groups = (tree.groups ?? []).map((group, g) => ({
    ...group,
    conditions: (group.conditions ?? []).filter((condition, i) => {
      try {
        checkRuleComplete(condition, `groups.${g}.conditions.${i}`)
        return true
      } catch (error) {
        gaps.push(gapOf(error))
        return false
      }
    }),
  }))
  return { gaps, rules: { ...tree, groups } }
}

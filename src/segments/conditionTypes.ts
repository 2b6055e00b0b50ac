import { EmailMarketingError } from '../errors/EmailMarketingError.js'

/** How conditions (in a group) or groups (in a rule tree) are joined. */
export const matchModes = ['all', 'any'] as const
export type MatchMode = (typeof matchModes)[number]

export const conditionTypes = [
  'contactField',
  'attribute',
  'tag',
  'listStatus',
  'createdAt',
  'engagement',
] as const
export type ConditionType = (typeof conditionTypes)[number]

/** Contact columns a condition may read: the allow-list that keeps field names out of SQL text. */
export const contactFieldColumns = {
  company: 'company',
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  source: 'source',
  status: 'status',
} as const
export type ContactFieldName = keyof typeof contactFieldColumns

const textOperators = [
  'equals',
  'notEquals',
  'contains',
  'notContains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
] as const
const dateOperators = ['before', 'after', 'withinLastDays'] as const
const listOperators = ['subscribed', 'unsubscribed', 'pending', 'notSubscribed'] as const
const engagementOperators = [
  'openedCampaign',
  'clickedCampaign',
  'notOpenedCampaign',
  'notClickedCampaign',
  'openedAnyWithinDays',
  'clickedAnyWithinDays',
  'openedMessage',
  'clickedMessage',
] as const

/** Which operators each condition type accepts. */
export const operatorsByType = {
  attribute: [...textOperators, 'greaterThan', 'lessThan', ...dateOperators],
  contactField: textOperators,
  createdAt: dateOperators,
  engagement: engagementOperators,
  listStatus: listOperators,
  tag: ['hasTag', 'notHasTag'],
} as const satisfies Record<ConditionType, readonly string[]>

export type ConditionOperator = (typeof operatorsByType)[ConditionType][number]

export const conditionOperators: ConditionOperator[] = [
  ...new Set(Object.values(operatorsByType).flat()),
]

export const operatorLabels: Record<ConditionOperator, string> = {
  after: 'is after',
  before: 'is before',
  clickedAnyWithinDays: 'clicked any email in the last N days',
  clickedCampaign: 'clicked the campaign',
  clickedMessage: 'clicked the message',
  contains: 'contains',
  equals: 'equals',
  greaterThan: 'is greater than',
  hasTag: 'has the tag',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  lessThan: 'is less than',
  notClickedCampaign: 'did not click the campaign',
  notContains: 'does not contain',
  notEquals: 'does not equal',
  notHasTag: 'does not have the tag',
  notOpenedCampaign: 'did not open the campaign',
  notSubscribed: 'is not subscribed to',
  openedAnyWithinDays: 'opened any email in the last N days',
  openedCampaign: 'opened the campaign',
  openedMessage: 'opened the message',
  pending: 'is pending confirmation on',
  startsWith: 'starts with',
  subscribed: 'is subscribed to',
  unsubscribed: 'unsubscribed from',
  withinLastDays: 'is within the last N days',
}

/** Operators that compare against `value` (text or number). */
export const valueOperators: readonly ConditionOperator[] = [
  'equals',
  'notEquals',
  'contains',
  'notContains',
  'startsWith',
  'greaterThan',
  'lessThan',
]
export const dateValueOperators: readonly ConditionOperator[] = ['before', 'after']
export const dayCountOperators: readonly ConditionOperator[] = [
  'withinLastDays',
  'openedAnyWithinDays',
  'clickedAnyWithinDays',
]
export const campaignOperators: readonly ConditionOperator[] = [
  'openedCampaign',
  'clickedCampaign',
  'notOpenedCampaign',
  'notClickedCampaign',
]
export const messageOperators: readonly ConditionOperator[] = ['openedMessage', 'clickedMessage']

/** A relationship value as Payload hands it over: an id, or the populated document. */
export type RelationValue = { id: number | string } | null | number | string | undefined

/** One rule, as stored by `conditionGroupFields` (unused value fields may be absent or null). */
export interface SegmentCondition {
  /** Attribute path inside `contacts.attributes`; dots go deeper (`address.city`). */
  attribute?: null | string
  campaignId?: null | number
  /** ISO date-time for `before` / `after`. */
  date?: null | string
  days?: null | number
  field?: ContactFieldName | null
  id?: null | string
  list?: RelationValue
  /** A message id; when absent, `openedMessage`/`clickedMessage` use the context's `messageId`. */
  messageId?: null | number
  operator?: ConditionOperator | null
  tag?: RelationValue
  type?: ConditionType | null
  value?: null | number | string
}

export interface SegmentConditionGroup {
  conditions?: null | SegmentCondition[]
  id?: null | string
  match?: MatchMode | null
}

/** A rule tree: groups joined by `match`, each group's conditions joined by its own `match`. */
export interface SegmentConditions {
  groups?: null | SegmentConditionGroup[]
  match?: MatchMode | null
}

/** Values only known when the rules are evaluated, e.g. by the automation engine. */
export interface ConditionContext {
  /** The previous email of the automation run, for `openedMessage` / `clickedMessage` without an id. */
  messageId?: null | number
  /** Evaluation time for relative dates (defaults to the database's `now()`). */
  now?: Date
}

/** "groups.0.conditions.1" as an editor reads it: "Group 1, rule 2". */
const placeOf = (path: string): string => {
  const [, group, rule] = /^groups\.(\d+)(?:\.conditions\.(\d+))?/.exec(path) ?? []
  if (group === undefined) return 'The rules'
  return rule === undefined
    ? `Group ${Number(group) + 1}`
    : `Group ${Number(group) + 1}, rule ${Number(rule) + 1}`
}

/**
 * A rule that cannot be compiled: the message says which one (in words) and why; `path` is the
 * rule, `field` (when known) the rule's field to fix, so a save error can sit next to it.
 */
export class SegmentConditionError extends EmailMarketingError {
  constructor(
    readonly reason: string,
    readonly path: string,
    readonly field?: keyof SegmentCondition,
  ) {
    super(`${placeOf(path)}: ${reason}`, 400, { path })
  }
}

import type { SegmentCondition, SegmentConditions } from '../../segments/conditionTypes.js'

import { operatorLabels } from '../../segments/conditionTypes.js'

/** A block row as the admin form or the REST API holds it; nested lists may be row counts. */
export type FlowBlock = Record<string, unknown> & { blockType?: string }

/** Names of related documents by collection role and id, for human text ("tag vip"). */
export type FlowNames = Partial<
  Record<'automations' | 'lists' | 'tags' | 'transactionalTemplates', Record<string, string>>
>

export type NamedRole = keyof Required<FlowNames>

/** Admin form state holds a row count, not an array, for a blocks or array field without rows. */
export const rowsOf = <T = FlowBlock>(value: unknown): T[] =>
  Array.isArray(value) ? (value as T[]) : []

const idOf = (value: unknown): null | string =>
  value === null || value === undefined || value === ''
    ? null
    : String(typeof value === 'object' ? (value as { id?: unknown }).id : value)

const named = (names: FlowNames, role: NamedRole, value: unknown, fallback: string): string => {
  if (value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string')
    return (value as { name: string }).name
  const id = idOf(value)
  if (id === null) return `(no ${fallback})`
  return names[role]?.[id] ?? `${fallback} #${id}`
}

const plural = (amount: number, unit: string) =>
  `${amount} ${amount === 1 ? unit.replace(/s$/, '') : unit}`

const quoted = (value: unknown) => `"${String(value ?? '')}"`

const fieldLabel = (field: unknown) =>
  String(field ?? 'field')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()

const describeCondition = (condition: SegmentCondition, names: FlowNames): string => {
  const operator = condition.operator ? operatorLabels[condition.operator] : 'matches'
  switch (condition.type) {
    case 'tag':
      return `tag ${condition.operator === 'notHasTag' ? 'is not' : 'is'} ${named(names, 'tags', condition.tag, 'tag')}`
    case 'listStatus':
      return `${operator} ${named(names, 'lists', condition.list, 'list')}`
    case 'contactField':
    case 'attribute': {
      const subject =
        condition.type === 'attribute'
          ? `attribute ${condition.attribute ?? ''}`
          : fieldLabel(condition.field)
      const value =
        condition.value !== undefined && condition.value !== null
          ? ` ${quoted(condition.value)}`
          : ''
      return `${subject} ${operator}${condition.operator === 'isEmpty' || condition.operator === 'isNotEmpty' ? '' : value}`
    }
    case 'createdAt':
      return `created ${operator}${condition.days ? ` (${condition.days})` : condition.date ? ` ${condition.date.slice(0, 10)}` : ''}`
    case 'engagement':
      return `${operator}${condition.days ? ` (${condition.days})` : ''}`
    default:
      return 'an incomplete condition'
  }
}

/** "tag is vip and subscribed to News", groups in parentheses when there are several. */
export const describeConditions = (
  conditions: null | SegmentConditions | undefined,
  names: FlowNames,
): string => {
  const groups = rowsOf<NonNullable<SegmentConditions['groups']>[number]>(conditions?.groups)
    .map((group) => {
      const parts = rowsOf<SegmentCondition>(group.conditions).map((condition) =>
        describeCondition(condition, names),
      )
      return { joined: parts.join(group.match === 'any' ? ' or ' : ' and '), size: parts.length }
    })
    .filter((group) => group.size > 0)
  if (groups.length === 0) return 'no conditions set'
  if (groups.length === 1) return groups[0].joined
  return groups
    .map((group) => (group.size > 1 ? `(${group.joined})` : group.joined))
    .join(conditions?.match === 'any' ? ' or ' : ' and ')
}

const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

const describeWait = (step: FlowBlock, names: FlowNames): string => {
  switch (step.mode) {
    case 'untilDate':
      return step.date
        ? `Wait until ${String(step.date).slice(0, 16).replace('T', ' ')} UTC`
        : 'Wait until a date (not set)'
    case 'untilWeekday': {
      const days = rowsOf<string>(step.weekdays).map((day) => weekdayNames[Number(day)])
      return `Wait until ${days.length ? `${days.join(', ')} ` : ''}${String(step.timeOfDay ?? '09:00')} ${String(step.timeZone ?? 'UTC')}`
    }
    case 'untilCondition':
      return `Wait until ${describeConditions(step.conditions as SegmentConditions, names)} (at most ${plural(Number(step.timeoutAmount ?? 7), String(step.timeoutUnit ?? 'days'))})`
    default:
      return `Wait ${plural(Number(step.amount ?? 1), String(step.unit ?? 'days'))}`
  }
}

const describeSendEmail = (step: FlowBlock, names: FlowNames): string => {
  if (step.mode === 'transactionalTemplate')
    return `Send transactional template ${quoted(named(names, 'transactionalTemplates', step.transactionalTemplate, 'template'))}`
  if (step.mode === 'template') return `Send Postmark template ${quoted(step.templateAlias)}`
  return step.subject ? `Send email ${quoted(step.subject)}` : 'Send email (no subject yet)'
}

const hostOf = (url: unknown): string => {
  try {
    return new URL(String(url)).host
  } catch {
    return url ? String(url) : '(no URL yet)'
  }
}

/** One line of human text for a step, e.g. "Wait 1 day" or "If tag is vip". */
export const describeStep = (step: FlowBlock, names: FlowNames = {}): string => {
  switch (step.blockType) {
    case 'sendEmail':
      return describeSendEmail(step, names)
    case 'sendAsDealOwner':
      return `Send 1:1 email as the deal owner ${quoted(step.subject)}`
    case 'wait':
      return describeWait(step, names)
    case 'ifElse':
      if (step.test === 'openedPrevious') return 'If opened the previous email'
      if (step.test === 'clickedPrevious') return 'If clicked the previous email'
      return `If ${describeConditions(step.conditions as SegmentConditions, names)}`
    case 'goal':
      return `Goal ${quoted(step.name)}: ${describeConditions(step.conditions as SegmentConditions, names)}`
    case 'addTag':
      return `Add tag ${named(names, 'tags', step.tag, 'tag')}`
    case 'removeTag':
      return `Remove tag ${named(names, 'tags', step.tag, 'tag')}`
    case 'subscribeList':
      return `Subscribe to ${named(names, 'lists', step.list, 'list')}`
    case 'unsubscribeList':
      return `Unsubscribe from ${named(names, 'lists', step.list, 'list')}`
    case 'updateField':
      return `Set ${fieldLabel(step.field)} to ${quoted(step.value)}`
    case 'createDeal':
      return `Create deal ${quoted(step.title)}`
    case 'moveDeal':
      return 'Move the deal to another stage'
    case 'notifyAdmin':
      return `Notify an admin: ${quoted(step.subject)}`
    case 'webhook':
      return `Call webhook ${hostOf(step.url)}`
    case 'startAutomation':
      return `Start automation ${named(names, 'automations', step.automation, 'automation')}`
    case 'end':
      return 'End'
    default:
      return String(step.blockType ?? 'Step')
  }
}

/** One line of human text for a trigger, e.g. "Tag vip added". */
export const describeTrigger = (trigger: FlowBlock, names: FlowNames = {}): string => {
  switch (trigger.blockType) {
    case 'listSubscribed':
      return trigger.list
        ? `Subscribed to ${named(names, 'lists', trigger.list, 'list')}`
        : 'Subscribed to any list'
    case 'tagAdded':
      return `Tag ${named(names, 'tags', trigger.tag, 'tag')} added`
    case 'tagRemoved':
      return `Tag ${named(names, 'tags', trigger.tag, 'tag')} removed`
    case 'fieldChanged':
      return `${fieldLabel(trigger.field)} changed${trigger.value ? ` to ${quoted(trigger.value)}` : ''}`
    case 'dateBased': {
      const field = String(trigger.field ?? 'a date')
      const when =
        trigger.mode === 'anniversary'
          ? `Anniversary of ${field}`
          : trigger.mode === 'before' || trigger.mode === 'after'
            ? `${plural(Number(trigger.days ?? 0), 'days')} ${String(trigger.mode)} ${field}`
            : `On ${field}`
      return `${when} at ${String(trigger.timeOfDay ?? '00:00')} ${String(trigger.timeZone ?? 'UTC')}`
    }
    case 'dealStageChanged':
      return 'Deal stage changed'
    case 'emailOpened':
      return 'Email opened'
    case 'linkClicked':
      return trigger.urlContains
        ? `Link containing ${quoted(trigger.urlContains)} clicked`
        : 'Link clicked'
    case 'customEvent':
      return `Event ${quoted(trigger.event)}`
    case 'collectionChange':
      return 'A collection change (triggerOnChange)'
    default:
      return String(trigger.blockType ?? 'Trigger')
  }
}

const roleOfKey: Record<string, NamedRole> = {
  automation: 'automations',
  list: 'lists',
  tag: 'tags',
  transactionalTemplate: 'transactionalTemplates',
}

/** Ids of related documents named in triggers and steps (conditions and branches included), by role. */
export const relatedIds = (blocks: unknown[]): Record<NamedRole, string[]> => {
  const found: Record<NamedRole, Set<string>> = {
    automations: new Set(),
    lists: new Set(),
    tags: new Set(),
    transactionalTemplates: new Set(),
  }
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (!value || typeof value !== 'object') return
    for (const [key, child] of Object.entries(value)) {
      const role = roleOfKey[key]
      const id =
        role && (typeof child === 'number' || typeof child === 'string') ? idOf(child) : null
      if (role && id) found[role].add(id)
      else visit(child)
    }
  }
  visit(blocks)
  return {
    automations: [...found.automations],
    lists: [...found.lists],
    tags: [...found.tags],
    transactionalTemplates: [...found.transactionalTemplates],
  }
}

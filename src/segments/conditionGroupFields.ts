import type { CollectionSlug, Field, Option } from 'payload'

import type { EmailMarketingCollection } from '../types.js'

import {
  campaignOperators,
  type ConditionOperator,
  type ConditionType,
  conditionOperators,
  conditionTypes,
  contactFieldColumns,
  dateValueOperators,
  dayCountOperators,
  messageOperators,
  operatorLabels,
  operatorsByType,
  valueOperators,
} from './conditionTypes.js'

/**
 * The slugs the rule builder links to: the plugin's lists and tags collections, and (optional)
 * its campaigns, to pick the campaign of an engagement rule by name instead of typing its id.
 */
export type RuleBuilderOptions = {
  slugs: Partial<Record<Extract<EmailMarketingCollection, 'campaigns'>, string>> &
    Record<Extract<EmailMarketingCollection, 'lists' | 'tags'>, string>
}

export interface ConditionGroupFieldsOptions {
  /**
   * Prefix of the Postgres enum names of the selects. Two collections holding these fields need
   * different prefixes, e.g. `enum_em_auto_if` in automations.
   * @default 'enum_em_seg'
   */
  enumPrefix?: string
}

const typeLabels: Record<ConditionType, string> = {
  attribute: 'Custom attribute',
  contactField: 'Contact field',
  createdAt: 'Created date',
  engagement: 'Engagement',
  listStatus: 'List subscription',
  tag: 'Tag',
}

const matchOptions: Option[] = [
  { label: 'All of', value: 'all' },
  { label: 'Any of', value: 'any' },
]

type Sibling = { operator?: ConditionOperator; type?: ConditionType }
const whenType =
  (...types: ConditionType[]) =>
  (_: unknown, sibling: Sibling) =>
    Boolean(sibling?.type && types.includes(sibling.type))
const whenOperator = (operators: readonly ConditionOperator[]) => (_: unknown, sibling: Sibling) =>
  Boolean(sibling?.operator && operators.includes(sibling.operator))
const needsValue = (_: unknown, sibling: Sibling) =>
  Boolean(
    sibling?.operator && valueOperators.includes(sibling.operator) && sibling.type !== 'createdAt',
  )

const conditionFields = (options: RuleBuilderOptions, enumPrefix: string): Field[] => [
  {
    type: 'row',
    fields: [
      {
        name: 'type',
        type: 'select',
        admin: { width: '25%' },
        defaultValue: 'contactField',
        enumName: `${enumPrefix}_type`,
        options: conditionTypes.map((value) => ({ label: typeLabels[value], value })),
        required: true,
      },
      {
        name: 'field',
        type: 'select',
        admin: { condition: whenType('contactField'), width: '20%' },
        enumName: `${enumPrefix}_field`,
        options: Object.keys(contactFieldColumns).map((value) => ({
          label: value.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()),
          value,
        })),
      },
      {
        name: 'attribute',
        type: 'text',
        admin: {
          condition: whenType('attribute'),
          placeholder: 'plan or address.city',
          width: '20%',
        },
      },
      {
        name: 'operator',
        type: 'select',
        admin: { width: '25%' },
        enumName: `${enumPrefix}_op`,
        filterOptions: ({ options: all, siblingData }) => {
          const type = (siblingData as Sibling | undefined)?.type
          const allowed: readonly string[] = type ? operatorsByType[type] : []
          return all.filter((option) =>
            allowed.includes(typeof option === 'string' ? option : option.value),
          )
        },
        options: conditionOperators.map((value) => ({ label: operatorLabels[value], value })),
        required: true,
      },
      { name: 'value', type: 'text', admin: { condition: needsValue, width: '30%' } },
      {
        name: 'date',
        type: 'date',
        admin: {
          condition: whenOperator(dateValueOperators),
          date: { pickerAppearance: 'dayAndTime' },
          width: '30%',
        },
      },
      {
        name: 'days',
        type: 'number',
        admin: { condition: whenOperator(dayCountOperators), width: '15%' },
        min: 0,
      },
      {
        name: 'tag',
        type: 'relationship',
        admin: { condition: whenType('tag'), width: '30%' },
        relationTo: options.slugs.tags as CollectionSlug,
      },
      {
        name: 'list',
        type: 'relationship',
        admin: { condition: whenType('listStatus'), width: '30%' },
        relationTo: options.slugs.lists as CollectionSlug,
      },
      {
        // A plain id, so this builds before (and without) the campaigns collection.
        name: 'campaignId',
        type: 'number',
        admin: {
          components: options.slugs.campaigns
            ? {
                Field: {
                  clientProps: { noun: 'campaign', relationTo: options.slugs.campaigns },
                  path: 'payload-plugin-email-marketing/client#DocumentPicker',
                },
              }
            : undefined,
          condition: whenOperator(campaignOperators),
          description: options.slugs.campaigns ? undefined : 'Campaign ID',
          width: '30%',
        },
        label: 'Campaign',
      },
      {
        name: 'messageId',
        type: 'number',
        admin: {
          condition: whenOperator(messageOperators),
          description:
            'Message ID; leave empty in automations to use the previous email of the run.',
          width: '20%',
        },
      },
    ],
  },
]

/**
 * The rule-builder fields: `match` (all | any) over `groups`, each group with its own `match` over
 * `conditions`. Compile the stored value with `compileConditions`. Spread them into any collection,
 * block or group: `fields: [...conditionGroupFields({ slugs: { lists: 'lists', tags: 'tags' } })]`
 * (the plugin's collection slugs).
 */
export const conditionGroupFields = (
  options: RuleBuilderOptions,
  { enumPrefix = 'enum_em_seg' }: ConditionGroupFieldsOptions = {},
): Field[] => [
  {
    name: 'match',
    type: 'select',
    admin: { description: 'How the groups below combine.' },
    defaultValue: 'all',
    enumName: `${enumPrefix}_match`,
    options: matchOptions,
    required: true,
  },
  {
    name: 'groups',
    type: 'array',
    admin: { initCollapsed: false },
    fields: [
      {
        name: 'match',
        type: 'select',
        defaultValue: 'all',
        enumName: `${enumPrefix}_group_match`,
        options: matchOptions,
        required: true,
      },
      {
        name: 'conditions',
        type: 'array',
        fields: conditionFields(options, enumPrefix),
        minRows: 1,
      },
    ],
    labels: { plural: 'Condition groups', singular: 'Condition group' },
  },
]

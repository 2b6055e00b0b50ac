import type { SanitizedEmailMarketingOptions } from '../../types.js'
import type { StepContext, StepDefinition } from '../engine/stepTypes.js'

import { conditionsField, contactMeetsConditions } from '../conditions.js'
import { isTimeOfDay, isTimeZone, nextLocalTime } from '../../utilities/zonedTime.js'

const unitMs = { days: 86_400_000, hours: 3_600_000, minutes: 60_000 } as const
type Unit = keyof typeof unitMs

const durationMs = (amount: unknown, unit: unknown): number =>
  Number(amount ?? 0) * unitMs[(unit as Unit) ?? 'days']

const firstWaitEnd = ({ now, step }: StepContext): Date => {
  switch (step.mode) {
    case 'untilDate':
      return new Date(String(step.date))
    case 'untilWeekday':
      return nextLocalTime(now, {
        time: String(step.timeOfDay ?? '09:00'),
        weekdays: (step.weekdays as string[] | undefined)?.map(Number),
        zone: String(step.timeZone ?? 'UTC'),
      })
    default:
      return new Date(now.getTime() + durationMs(step.amount, step.unit))
  }
}

const unitField = (name: string) => ({
  name,
  type: 'select' as const,
  defaultValue: 'days',
  options: ['minutes', 'hours', 'days'],
})

/**
 * Pauses the contact: for a duration, until a date, until the next chosen weekday at a time of
 * day in a time zone, or until conditions hold (re-checked every `conditionCheckMinutes`) with a timeout.
 */
export const waitStep = (options: SanitizedEmailMarketingOptions): StepDefinition => ({
  block: {
    slug: 'wait',
    // Short table names keep the rule builder's nested index names under Postgres's 63 characters.
    dbName: ({ tableName }) => `${tableName}_wait`,
    fields: [
      {
        name: 'mode',
        type: 'select',
        defaultValue: 'duration',
        options: [
          { label: 'For a duration', value: 'duration' },
          { label: 'Until a date', value: 'untilDate' },
          { label: 'Until a weekday / time of day', value: 'untilWeekday' },
          { label: 'Until a condition holds', value: 'untilCondition' },
        ],
      },
      {
        type: 'row',
        admin: { condition: (_, step) => step?.mode === 'duration' || !step?.mode },
        fields: [{ name: 'amount', type: 'number', defaultValue: 1, min: 0 }, unitField('unit')],
      },
      {
        name: 'date',
        type: 'date',
        admin: {
          condition: (_, step) => step?.mode === 'untilDate',
          date: { pickerAppearance: 'dayAndTime' },
        },
      },
      {
        type: 'row',
        admin: { condition: (_, step) => step?.mode === 'untilWeekday' },
        fields: [
          {
            name: 'weekdays',
            type: 'select',
            hasMany: true,
            options: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].map((label, value) => ({
              label,
              value: String(value),
            })),
          },
          {
            name: 'timeOfDay',
            type: 'text',
            defaultValue: '09:00',
            admin: { description: 'HH:MM, local to the time zone' },
            validate: (value: null | string | undefined) =>
              value == null || isTimeOfDay(value) || 'Use HH:MM, from 00:00 to 23:59.',
          },
          {
            name: 'timeZone',
            type: 'text',
            defaultValue: 'UTC',
            admin: {
              description:
                'IANA name, e.g. Europe/Berlin. A time skipped by a daylight-saving change moves forward by the gap; a time that happens twice is its first occurrence.',
            },
            validate: (value: null | string | undefined) =>
              value == null ||
              isTimeZone(value) ||
              'Use an IANA time zone name, e.g. Europe/Berlin.',
          },
        ],
      },
      conditionsField(
        options,
        'conditions',
        'Wait until',
        'enum_em_auto_wait',
        (_, step) => step?.mode === 'untilCondition',
      ),
      {
        type: 'row',
        admin: { condition: (_, step) => step?.mode === 'untilCondition' },
        fields: [
          { name: 'timeoutAmount', type: 'number', defaultValue: 7, min: 0 },
          unitField('timeoutUnit'),
        ],
      },
    ],
    labels: { plural: 'Waits', singular: 'Wait' },
  },
  run: async (context) => {
    const { contact, enrollment, now, path, payload, step } = context
    const state = enrollment.state
    if (state.waitingAt !== path) {
      state.waitingAt = path
      if (step.mode === 'untilCondition') {
        if (
          await contactMeetsConditions(payload, contact, step.conditions as never, {
            messageId: enrollment.state.previousMessageId,
            now,
          })
        )
          return done(state, 'condition already held')
        state.waitTimeoutAt = new Date(
          now.getTime() + durationMs(step.timeoutAmount, step.timeoutUnit),
        ).toISOString()
        return recheck(context)
      }
      const until = firstWaitEnd(context)
      if (until.getTime() <= now.getTime()) return done(state, 'nothing to wait for')
      state.waitTimeoutAt = until.toISOString()
      return { kind: 'wait', outcome: `waiting until ${until.toISOString()}`, until }
    }
    if (step.mode === 'untilCondition') {
      if (
        await contactMeetsConditions(payload, contact, step.conditions as never, {
          messageId: enrollment.state.previousMessageId,
          now,
        })
      )
        return done(state, 'condition held')
      if (now.getTime() >= new Date(String(state.waitTimeoutAt)).getTime())
        return done(state, 'timed out')
      return recheck(context)
    }
    return done(state, 'waited')
  },
})

const done = (state: StepContext['enrollment']['state'], outcome: string) => {
  delete state.waitingAt
  delete state.waitTimeoutAt
  return { kind: 'next' as const, outcome }
}

const recheck = ({ enrollment, now, options }: StepContext) => {
  const timeout = new Date(String(enrollment.state.waitTimeoutAt))
  const next = new Date(
    Math.min(now.getTime() + options.automations.conditionCheckMinutes * 60_000, timeout.getTime()),
  )
  return { kind: 'wait' as const, outcome: 'waiting for condition', until: next }
}

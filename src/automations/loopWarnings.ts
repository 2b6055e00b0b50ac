type Block = Record<string, unknown> & { blockType: string; no?: Block[]; yes?: Block[] }

const idOf = (value: unknown): null | string =>
  value === null || value === undefined || value === ''
    ? null
    : String(typeof value === 'object' ? (value as { id: unknown }).id : value)

/** Admin form state holds a row count, not an array, for a blocks field without rows. */
const rowsOf = (value: unknown): Block[] => (Array.isArray(value) ? (value as Block[]) : [])

const flatten = (steps: unknown): Block[] =>
  rowsOf(steps).flatMap((step) => [step, ...flatten(step.yes), ...flatten(step.no)])

/**
 * Why an automation's own steps can fire its own triggers again (empty when they cannot). Pure,
 * so the admin shows the same warning the engine's loop cap exists for.
 */
export const selfTriggerWarnings = (automation: {
  id?: number | string
  steps?: Block[] | null
  triggers?: Block[] | null
}): string[] => {
  const steps = flatten(automation.steps)
  const warnings: string[] = []
  for (const trigger of rowsOf(automation.triggers)) {
    for (const step of steps) {
      const pairs: [string, string, string, string][] = [
        ['tagAdded', 'addTag', 'tag', 'adds the tag its trigger listens for'],
        ['tagRemoved', 'removeTag', 'tag', 'removes the tag its trigger listens for'],
        [
          'listSubscribed',
          'subscribeList',
          'list',
          'subscribes to the list its trigger listens for',
        ],
        ['fieldChanged', 'updateField', 'field', 'updates the field its trigger listens for'],
      ]
      for (const [triggerType, stepType, key, why] of pairs) {
        if (trigger.blockType !== triggerType || step.blockType !== stepType) continue
        const triggerValue = key === 'field' ? trigger.field : idOf(trigger[key])
        const stepValue = key === 'field' ? step.field : idOf(step[key])
        if (triggerValue === null || triggerValue === stepValue)
          warnings.push(`A "${stepType}" step ${why}.`)
      }
    }
  }
  if (
    automation.id !== undefined &&
    steps.some(
      (step) =>
        step.blockType === 'startAutomation' && idOf(step.automation) === String(automation.id),
    )
  ) {
    warnings.push('A "start automation" step starts this same automation.')
  }
  return [...new Set(warnings)]
}

/** A step as stored in the automation's `steps` blocks; if/else holds `yes` and `no` step lists. */
export type StepBlock = Record<string, unknown> & {
  blockType: string
  id?: string
  no?: StepBlock[]
  yes?: StepBlock[]
}

/**
 * Step paths address a step in the nested blocks: `2` is the third top-level step, `1.yes.0`
 * the first step of the yes-branch of step 1. They key history, counts and email dedupe keys.
 */
const parse = (path: string): (number | string)[] =>
  path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))

export const stepAt = (steps: StepBlock[], path: string): StepBlock | undefined => {
  let list: StepBlock[] | undefined = steps
  let step: StepBlock | undefined
  const parts = parse(path)
  for (let i = 0; i < parts.length; i += 2) {
    step = list?.[parts[i] as number]
    if (!step) return undefined
    const branch = parts[i + 1]
    if (branch !== undefined) list = step[branch as 'no' | 'yes']
  }
  return step
}

/** The path that follows a finished step: its next sibling, else the step after its if/else, else null (done). */
export const nextPath = (steps: StepBlock[], path: string): null | string => {
  const parts = path.split('.')
  const index = Number(parts[parts.length - 1])
  const sibling = [...parts.slice(0, -1), String(index + 1)].join('.')
  if (stepAt(steps, sibling)) return sibling
  if (parts.length === 1) return null
  return nextPath(steps, parts.slice(0, -2).join('.'))
}

/** First step of an if/else branch, or the step after the if/else when the branch is empty. */
export const branchPath = (
  steps: StepBlock[],
  path: string,
  branch: 'no' | 'yes',
): null | string => {
  const first = `${path}.${branch}.0`
  return stepAt(steps, first) ? first : nextPath(steps, path)
}

/** Every step with its path, depth first, in flow order. */
export const allSteps = (steps: StepBlock[], prefix = ''): { path: string; step: StepBlock }[] =>
  steps.flatMap((step, index) => {
    const path = `${prefix}${index}`
    return [
      { path, step },
      ...(step.blockType === 'ifElse'
        ? [...allSteps(step.yes ?? [], `${path}.yes.`), ...allSteps(step.no ?? [], `${path}.no.`)]
        : []),
    ]
  })

import type { TemplateVariable } from './templateTypes.js'

import { MissingTemplateVariableError } from './errors.js'

/** Reads `order.number` style paths; own properties only. */
export const valueAtPath = (data: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined
    return (value as Record<string, unknown>)[key]
  }, data)

const isMissing = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '')

/** Throws `MissingTemplateVariableError` for the first required variable `data` lacks. */
export const validateTemplateData = (
  templateName: string,
  variables: null | TemplateVariable[] | undefined,
  data: Record<string, unknown>,
): void => {
  for (const variable of variables ?? []) {
    if (variable.required !== false && isMissing(valueAtPath(data, variable.name))) {
      throw new MissingTemplateVariableError(templateName, variable.name)
    }
  }
}

const setAtPath = (target: Record<string, unknown>, path: string, value: unknown) => {
  const keys = path.split('.')
  let node = target
  for (const key of keys.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = {}
    node = node[key] as Record<string, unknown>
  }
  node[keys[keys.length - 1]] = value
}

/** Sample data for previews and tests: the template's JSON sample, completed with each variable's sample value. */
export const sampleDataOf = (
  sampleData: unknown,
  variables: null | TemplateVariable[] | undefined,
): Record<string, unknown> => {
  const data: Record<string, unknown> =
    sampleData && typeof sampleData === 'object' && !Array.isArray(sampleData)
      ? structuredClone(sampleData as Record<string, unknown>)
      : {}
  for (const variable of variables ?? []) {
    if (variable.sampleValue != null && valueAtPath(data, variable.name) === undefined)
      setAtPath(data, variable.name, variable.sampleValue)
  }
  return data
}

import { InvalidInputError } from '../../errors/InvalidInputError.js'

export const bulkActionNames = [
  'addTag',
  'delete',
  'removeTag',
  'subscribe',
  'unsubscribe',
] as const

export type BulkActionName = (typeof bulkActionNames)[number]

/** One change to many contacts; tag and list actions name their tag or list. */
export type BulkAction =
  | { list: number; name: 'subscribe' | 'unsubscribe' }
  | { name: 'addTag' | 'removeTag'; tag: number }
  | { name: 'delete' }

const positiveId = (value: unknown, what: string): number => {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)
    throw new InvalidInputError(`\`${what}\` must be the id of a ${what}.`)
  return id
}

/** Reads `action` (and its `tag` or `list`) from a request body. */
export const parseBulkAction = (body: Record<string, unknown>): BulkAction => {
  const name = body.action
  if (typeof name !== 'string' || !(bulkActionNames as readonly string[]).includes(name))
    throw new InvalidInputError(`\`action\` must be one of ${bulkActionNames.join(', ')}.`)
  if (name === 'addTag' || name === 'removeTag') return { name, tag: positiveId(body.tag, 'tag') }
  if (name === 'subscribe' || name === 'unsubscribe')
    return { list: positiveId(body.list, 'list'), name }
  return { name: 'delete' }
}

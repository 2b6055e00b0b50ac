import type { ClientBlock, ClientField } from 'payload'

export type StepChoice = { label: string; slug: string }

const labelOf = (block: ClientBlock): string => {
  const singular = block.labels?.singular
  if (typeof singular === 'string') return singular
  if (singular && typeof singular === 'object') return Object.values(singular)[0] ?? block.slug
  return block.slug
}

const blocksFieldIn = (fields: ClientField[], name: string): ClientBlock[] | undefined => {
  const field = fields.find((candidate) => 'name' in candidate && candidate.name === name)
  return field?.type === 'blocks' ? (field.blocks ?? []) : undefined
}

/**
 * The step types a blocks list accepts, from the collection's client config: `steps` at the top,
 * `steps.2.yes` inside the if/else at index 2 (each nesting level has its own blocks, so the
 * deepest level offers no if/else and only the top offers goals).
 */
export const stepChoicesFor = (
  fields: ClientField[],
  list: string,
  blockTypeAt: (path: string) => string | undefined,
): StepChoice[] => {
  const [root, ...rest] = list.split('.')
  let blocks = blocksFieldIn(fields, root)
  let path = root
  for (let i = 0; blocks && i + 1 < rest.length; i += 2) {
    path = `${path}.${rest[i]}`
    const type = blockTypeAt(path)
    const block = blocks.find((candidate) => candidate.slug === type)
    blocks = block ? blocksFieldIn(block.fields, rest[i + 1]) : undefined
    path = `${path}.${rest[i + 1]}`
  }
  return (blocks ?? []).map((block) => ({ label: labelOf(block), slug: block.slug }))
}

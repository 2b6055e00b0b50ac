import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

/** The fields of an image block as stored in a Lexical state (see emailBlocks.ts). */
export type ImageBlockFields = {
  alt?: null | string
  blockType: 'image'
  src?: null | string
  upload?: unknown
}

type NodeLike = { children?: unknown[]; fields?: Record<string, unknown>; type?: string }

/**
 * Every image block in a Lexical state, nested ones (two columns) included, in document order.
 * The returned objects are the state's own: callers that change them work on a copy of the state.
 */
export const imageBlocksOf = (
  state: null | SerializedEditorState | undefined,
): ImageBlockFields[] => {
  const found: ImageBlockFields[] = []
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    const { children, fields, type } = node as NodeLike
    if (type === 'block' && fields) {
      if (fields.blockType === 'image') found.push(fields as ImageBlockFields)
      // A block's rich text fields (the two columns) are editor states of their own.
      for (const value of Object.values(fields)) {
        const root = (value as null | { root?: unknown })?.root
        if (root && typeof root === 'object') visit(root)
      }
    }
    if (Array.isArray(children)) children.forEach(visit)
  }
  visit(state?.root)
  return found
}

import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import type { Payload } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import { imageBlocksOf } from '../rendering/imageBlocks.js'
import { idOf } from '../utilities/idOf.js'

type UploadDoc = { alt?: unknown; id: number | string; url?: null | string }

/** Emails are read far from the site: every image URL must be absolute. */
const absoluteUrl = (url: string, base: string): string => new URL(url, `${base}/`).toString()

/**
 * A copy of `state` whose image blocks that point at an upload carry that upload's absolute URL
 * as `src` (and its `alt` when the block has none), so the renderer needs no database. One query
 * for all the uploads of the state. An upload deleted since is left out of the email and logged.
 */
export const resolveImageUploads = async (
  payload: Payload,
  state: null | SerializedEditorState | undefined,
): Promise<null | SerializedEditorState | undefined> => {
  const { publicUrl, uploadCollection } = pluginOptionsOf(payload)
  if (!state || !uploadCollection) return state
  const copy = structuredClone(state)
  const blocks = imageBlocksOf(copy).filter((block) => idOf(block.upload) !== null)
  if (blocks.length === 0) return state
  const ids = [...new Set(blocks.map((block) => idOf(block.upload) as number | string))]
  const { docs } = await payload.find({
    collection: uploadCollection as 'users',
    depth: 0,
    limit: ids.length,
    pagination: false,
    where: { id: { in: ids } },
  })
  const byId = new Map((docs as unknown as UploadDoc[]).map((doc) => [String(doc.id), doc]))
  const base = (payload.config.serverURL || publicUrl).replace(/\/$/, '')
  for (const block of blocks) {
    const id = String(idOf(block.upload))
    const doc = byId.get(id)
    if (!doc?.url) {
      payload.logger.warn({
        msg: `Email image block: ${uploadCollection} ${id} no longer exists; the image is left out.`,
      })
      block.src = ''
      continue
    }
    block.src = absoluteUrl(doc.url, base)
    if (!block.alt && typeof doc.alt === 'string') block.alt = doc.alt
  }
  return copy
}

import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import type { Payload } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import { type ImageBlockFields, imageBlocksOf } from '../rendering/imageBlocks.js'
import { findByIds } from '../utilities/findByIds.js'
import { idOf } from '../utilities/idOf.js'

type UploadDoc = { alt?: unknown; id: number | string; url?: null | string }

/** Emails are read far from the site: every image URL must be absolute. */
const absoluteUrl = (url: string, base: string): string => new URL(url, `${base}/`).toString()

const withUpload = (blocks: ImageBlockFields[]) =>
  blocks.filter((block) => idOf(block.upload) !== null)

/** The uploads `blocks` point at that still exist (with a URL), by id, in one query. */
const uploadsOf = async (
  payload: Payload,
  collection: string,
  blocks: ImageBlockFields[],
): Promise<Map<string, UploadDoc>> => {
  const docs = await findByIds<UploadDoc>(
    payload,
    collection,
    blocks.map((block) => idOf(block.upload) as number | string),
  )
  return new Map(
    [...docs.values()]
      .filter((doc) => typeof doc.url === 'string' && doc.url !== '')
      .map((doc) => [String(doc.id), doc]),
  )
}

/**
 * A copy of `state` whose image blocks that point at an upload carry that upload's absolute URL
 * as `src` (and its `alt` when the block has none), so the renderer needs no database. One query
 * for all the uploads of the state. An upload deleted since is left out of the email (the
 * checklist blocks sending it, see missingImageUploads).
 */
export const resolveImageUploads = async (
  payload: Payload,
  state: null | SerializedEditorState | undefined,
): Promise<null | SerializedEditorState | undefined> => {
  const { publicUrl, uploadCollection } = pluginOptionsOf(payload)
  if (!state || !uploadCollection) return state
  const copy = structuredClone(state)
  const blocks = withUpload(imageBlocksOf(copy))
  if (blocks.length === 0) return state
  const uploads = await uploadsOf(payload, uploadCollection, blocks)
  const base = (payload.config.serverURL || publicUrl).replace(/\/$/, '')
  for (const block of blocks) {
    const id = String(idOf(block.upload))
    const doc = uploads.get(id)
    if (!doc?.url)
      payload.logger.warn({
        msg: `Email image block: ${uploadCollection} ${id} no longer exists; the image is left out.`,
      })
    block.src = doc?.url ? absoluteUrl(doc.url, base) : ''
    if (doc && !block.alt && typeof doc.alt === 'string') block.alt = doc.alt
  }
  return copy
}

/** The ids of uploads that image blocks of `state` point at but that no longer exist. */
export const missingImageUploads = async (
  payload: Payload,
  state: null | SerializedEditorState | undefined,
): Promise<string[]> => {
  const { uploadCollection } = pluginOptionsOf(payload)
  if (!state || !uploadCollection) return []
  const blocks = withUpload(imageBlocksOf(state))
  if (blocks.length === 0) return []
  const uploads = await uploadsOf(payload, uploadCollection, blocks)
  const missing = blocks.map((block) => String(idOf(block.upload))).filter((id) => !uploads.has(id))
  return [...new Set(missing)]
}

import type { FieldAccess } from 'payload'

import { idOf } from '../utilities/idOf.js'
import { imageBlocksOf } from '../rendering/imageBlocks.js'
import { lexicalToEmailHtml } from '../rendering/lexicalToEmailHtml.js'
import { audienceOf } from './audience.js'
import { type CampaignStatus, isEditable } from './campaignStatus.js'

/** What was (or will be) sent: read-only once the campaign leaves draft. "Duplicate" makes an editable copy. */
export const frozenFields = [
  'subject',
  'preheader',
  'fromName',
  'fromEmail',
  'replyTo',
  'content',
  'layout',
  'audience',
  'abTest',
] as const

export type FrozenField = (typeof frozenFields)[number]

/**
 * Field-level update access: false in the admin's permission check (the field shows read-only), true
 * while a write runs, so that guardCampaignChange answers 400 naming the field instead of Payload
 * silently dropping the value. Payload calls it without `siblingData` only when computing permissions.
 */
export const frozenOnceSent: FieldAccess = ({ doc, siblingData }) =>
  siblingData !== undefined || !doc?.status || isEditable(doc.status as CampaignStatus)

/**
 * Rich text compared by the HTML it renders to, so the editor's harmless re-serialisation is no
 * change, plus the uploads its image blocks point at (rendered only when sending).
 */
const richTextKey = (value: unknown): string =>
  lexicalToEmailHtml((value ?? null) as never) +
  JSON.stringify(imageBlocksOf((value ?? null) as never).map((block) => idOf(block.upload)))

const abTestKey = (value: unknown): string => {
  const test = (value ?? {}) as Record<string, unknown>
  const variants = Array.isArray(test.variants) ? test.variants : []
  return JSON.stringify({
    enabled: Boolean(test.enabled),
    testOn: test.testOn ?? null,
    testPercent: test.testPercent ?? null,
    variants: variants.map((variant: Record<string, unknown>) => [
      variant.subject ?? null,
      richTextKey(variant.content),
    ]),
    waitMinutes: test.waitMinutes ?? null,
    winnerMetric: test.winnerMetric ?? null,
  })
}

const keyOf: Record<FrozenField, (value: unknown) => string> = {
  abTest: abTestKey,
  audience: (value) =>
    JSON.stringify(audienceOf({ audience: (value ?? {}) as Record<string, unknown> })),
  content: richTextKey,
  fromEmail: (value) => JSON.stringify(value || null),
  fromName: (value) => JSON.stringify(value || null),
  layout: (value) => JSON.stringify(idOf(value)),
  preheader: (value) => JSON.stringify(value || null),
  replyTo: (value) => JSON.stringify(value || null),
  subject: (value) => JSON.stringify(value || null),
}

/** The frozen fields an update would change; only fields present in `data` count. */
export const changedFrozenFields = (
  data: Record<string, unknown>,
  original: Record<string, unknown>,
): FrozenField[] =>
  frozenFields.filter(
    (field) => field in data && keyOf[field](data[field]) !== keyOf[field](original[field]),
  )

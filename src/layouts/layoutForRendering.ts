import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import type { EmailLayoutOptions } from '../rendering/layout.js'

import { pluginOptionsOf } from '../pluginContext.js'

/** Marketing layouts carry the subscription footer; transactional ones frame 1:1 and app emails without it. */
export type LayoutKind = 'marketing' | 'transactional'

export type LayoutDoc = {
  brandColor?: null | string
  footerHtml?: null | string
  headerHtml?: null | string
  id: number
  kind?: LayoutKind | null
  logoUrl?: null | string
  name?: null | string
  postalAddress?: null | string
  unsubscribeLabel?: null | string
}

const orUndefined = (value: null | string | undefined) => value || undefined

/**
 * A layout by id, or the default layout of `kind` when `layoutId` is empty (then the oldest layout
 * of that kind). Without any layout of the kind: `undefined`. A missing id is a NotFound error.
 */
export const findLayout = async (
  payload: Payload,
  layoutId?: null | number | string,
  { kind = 'marketing', req }: { kind?: LayoutKind; req?: Partial<PayloadRequest> } = {},
): Promise<LayoutDoc | undefined> => {
  const collection = pluginOptionsOf(payload).slugs.layouts as CollectionSlug
  if (layoutId !== undefined && layoutId !== null && layoutId !== '') {
    return (await payload.findByID({
      collection,
      depth: 0,
      id: layoutId,
      req,
    })) as unknown as LayoutDoc
  }
  const { docs } = await payload.find({
    collection,
    depth: 0,
    limit: 1,
    pagination: false,
    req,
    sort: ['-isDefault', 'createdAt'],
    where:
      kind === 'marketing'
        ? { kind: { not_equals: 'transactional' } }
        : { kind: { equals: 'transactional' } },
  })
  return docs[0] as unknown as LayoutDoc | undefined
}

/**
 * The `layout` input of `prepareEmail` / `renderLayout` for a layout id, or for the default layout
 * of `kind` when `layoutId` is empty (no layout at all: `{}`).
 */
export const layoutForRendering = async (
  payload: Payload,
  layoutId?: null | number | string,
  { kind = 'marketing', req }: { kind?: LayoutKind; req?: Partial<PayloadRequest> } = {},
): Promise<EmailLayoutOptions> => {
  const layout = await findLayout(payload, layoutId, { kind, req })
  if (!layout) return {}
  return {
    brandColor: orUndefined(layout.brandColor),
    footerHtml: orUndefined(layout.footerHtml),
    headerHtml: orUndefined(layout.headerHtml),
    logoUrl: orUndefined(layout.logoUrl),
    postalAddress: orUndefined(layout.postalAddress),
    unsubscribeLabel: orUndefined(layout.unsubscribeLabel),
  }
}

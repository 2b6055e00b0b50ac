import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import type { EmailLayoutOptions } from '../rendering/layout.js'

import { pluginOptionsOf } from '../pluginContext.js'

type LayoutDoc = {
  brandColor?: null | string
  footerHtml?: null | string
  headerHtml?: null | string
  logoUrl?: null | string
  postalAddress?: null | string
  unsubscribeLabel?: null | string
}

const orUndefined = (value: null | string | undefined) => value || undefined

/**
 * The `layout` input of `prepareEmail` / `renderLayout` for a layout id, or for the default layout
 * when `layoutId` is empty (then the oldest layout, then no layout at all: `{}`). A missing id is
 * a NotFound error.
 */
export const layoutForRendering = async (
  payload: Payload,
  layoutId?: null | number | string,
  { req }: { req?: Partial<PayloadRequest> } = {},
): Promise<EmailLayoutOptions> => {
  const collection = pluginOptionsOf(payload).slugs.layouts as CollectionSlug
  let layout: LayoutDoc | undefined
  if (layoutId !== undefined && layoutId !== null && layoutId !== '') {
    layout = (await payload.findByID({ collection, depth: 0, id: layoutId, req })) as LayoutDoc
  } else {
    const { docs } = await payload.find({ collection, depth: 0, limit: 1, pagination: false, req, sort: ['-isDefault', 'createdAt'] })
    layout = docs[0] as LayoutDoc | undefined
  }
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

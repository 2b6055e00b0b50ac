import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { PreparedEmail } from '../rendering/renderEmail.js'
import type { ClaimRenderer, RenderedRows } from '../sending/claimRenderers.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { personalize } from '../rendering/renderEmail.js'
import {
  preferencesUrlPlaceholder,
  unsubscribeUrlPlaceholder,
} from '../subscriptions/unsubscribeLinks.js'
import { arrayParam, rowsOf, tableOf } from '../utilities/db.js'
import { executePrepared } from '../utilities/preparedStatements.js'
import { loadCampaign } from './campaignActions.js'
import { personalScope, prepareCampaignVariant } from './campaignContent.js'

type ContactRow = {
  attributes: unknown
  company: null | string
  email: string
  firstName: null | string
  id: number
  lastName: null | string
  phone: null | string
}

type CacheEntry = {
  name: string
  prepare: (variant: number) => Promise<PreparedEmail>
  updatedAt: string
}

/** Prepared variants per campaign, valid while the campaign's updatedAt is unchanged. */
const caches = new WeakMap<Payload, Map<number, CacheEntry>>()

const entryFor = async (payload: Payload, id: number, updatedAt: string): Promise<CacheEntry> => {
  const cache = caches.get(payload) ?? new Map<number, CacheEntry>()
  caches.set(payload, cache)
  const cached = cache.get(id)
  if (cached && cached.updatedAt === updatedAt) return cached
  const campaign = await loadCampaign(payload, id)
  const variants = new Map<number, Promise<PreparedEmail>>()
  const prepare = (variant: number) => {
    const prepared = variants.get(variant) ?? prepareCampaignVariant(payload, campaign, variant)
    variants.set(variant, prepared)
    return prepared
  }
  const entry: CacheEntry = { name: campaign.name, prepare, updatedAt }
  cache.set(id, entry)
  return entry
}

/**
 * Campaign rows are stored without HTML: they are rendered here, at claim time. The shared part is
 * prepared once per campaign variant and process (until the campaign changes); only the Liquid
 * pass runs per contact, with the contact's fields and attributes. The plugin registers it with the
 * outbox at init (registerClaimRenderer).
 */
export const renderCampaignRows: ClaimRenderer = async (payload, claimed) => {
  const pending = claimed.filter(
    (message) => message.kind === 'campaign' && message.html === null && message.campaignId,
  )
  if (pending.length === 0) return { failed: [], ready: claimed }
  const { slugs } = pluginOptionsOf(payload)
  const campaignIds = [...new Set(pending.map((message) => message.campaignId as number))]
  const contactIds = [
    ...new Set(
      pending.map((message) => message.contactId).filter((id): id is number => id !== null),
    ),
  ]
  // Two reads at once: one round trip of waiting per batch instead of two.
  const [versionRows, contactRows] = await Promise.all([
    executePrepared(
      payload,
      sql`
      SELECT id, updated_at::text AS "updatedAt" FROM ${tableOf(payload, slugs.campaigns)} WHERE id = ANY(${arrayParam(campaignIds)}::int[])`,
    ),
    executePrepared(
      payload,
      sql`
      SELECT id, email, first_name AS "firstName", last_name AS "lastName", company, phone, attributes
      FROM ${tableOf(payload, slugs.contacts)} WHERE id = ANY(${arrayParam(contactIds)}::int[])`,
    ),
  ])
  const versions = rowsOf<{ id: number; updatedAt: string }>(versionRows)
  const contacts = new Map(rowsOf<ContactRow>(contactRows).map((row) => [row.id, row]))
  const entries = new Map<number, CacheEntry>()
  for (const version of versions)
    entries.set(version.id, await entryFor(payload, version.id, version.updatedAt))

  const pendingSet = new Set(pending)
  const result: RenderedRows = {
    failed: [],
    ready: claimed.filter((message) => !pendingSet.has(message)),
  }
  for (const message of pending) {
    const entry = entries.get(message.campaignId as number)
    const contact = message.contactId === null ? undefined : contacts.get(message.contactId)
    if (!entry || !contact) {
      result.failed.push({
        error: entry ? 'The contact no longer exists.' : 'The campaign no longer exists.',
        id: message.id,
      })
      continue
    }
    try {
      const prepared = await entry.prepare(message.variant ?? 0)
      // The outbox swaps in the signed link and adds the List-Unsubscribe headers (withUnsubscribeLinks).
      const scope = personalScope(contact, {
        campaign: { id: message.campaignId as number, name: entry.name },
        preferencesUrl: preferencesUrlPlaceholder,
        unsubscribeUrl: unsubscribeUrlPlaceholder,
      })
      const email = personalize(prepared, scope)
      result.ready.push({ ...message, html: email.html, subject: email.subject, text: email.text })
    } catch (error) {
      result.failed.push({
        error: `Rendering failed: ${error instanceof Error ? error.message : String(error)}`,
        id: message.id,
      })
    }
  }
  return result
}

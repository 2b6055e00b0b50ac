import type { CollectionConfig, CollectionSlug, Field } from 'payload'


import type { SanitizedEmailMarketingOptions } from '../types.js'

import { emailContentEditor } from '../rendering/emailContentEditor.js'
import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { abTestField, audienceField, fanOutField } from './campaignFields.js'
import { campaignStatuses } from './campaignStatus.js'
import { guardCampaignChange } from './hooks/guardCampaignChange.js'

const liquidHint = 'Liquid allowed, e.g. {{ contact.firstName | default: "there" }}.'

/** Campaigns reference segments and layouts once those collections are part of the plugin. */
export const campaignRelations = { layouts: true, segments: true }

/**
 * One-off emails to opted-in lists. Status changes go through the actions (sendCampaign, pause...),
 * which call the same services as the REST endpoints; the editor only edits drafts.
 */
export const createCampaignsCollection = (options: SanitizedEmailMarketingOptions): CollectionConfig => {
  const content = {
    type: 'richText' as const,
    editor: emailContentEditor(),
  }
  const layoutField: Field[] = campaignRelations.layouts
    ? [{ name: 'layout', type: 'relationship', admin: { description: 'The default layout when empty.' }, relationTo: options.slugs.layouts as CollectionSlug }]
    : []
  return finalizeCollection(
    'campaigns',
    {
      slug: options.slugs.campaigns,
      admin: {
        defaultColumns: ['name', 'subject', 'status', 'scheduledAt', 'updatedAt'],
        useAsTitle: 'name',
      },
      fields: [
        {
          name: 'campaignActions',
          type: 'ui',
          admin: { components: { Field: 'payload-plugin-email-marketing/client#CampaignActions' } },
        },
        { name: 'name', type: 'text', required: true },
        // Near the top: Payload renders a group's fields only once it scrolls near the viewport,
        // and "who receives it" is the first thing an editor decides.
        audienceField(options, campaignRelations.segments),
        { name: 'subject', type: 'text', admin: { description: liquidHint }, required: true },
        { name: 'preheader', type: 'text', admin: { description: 'Preview text shown after the subject in inboxes. Liquid allowed.' } },
        {
          type: 'row',
          fields: [
            { name: 'fromName', type: 'text' },
            { name: 'fromEmail', type: 'email', admin: { description: 'Defaults to the first list\'s sender, then the plugin default.' } },
            { name: 'replyTo', type: 'email' },
          ],
        },
        { ...content, name: 'content' },
        ...layoutField,
        abTestField(content),
        {
          name: 'status',
          type: 'select',
          admin: { position: 'sidebar', readOnly: true },
          defaultValue: 'draft',
          enumName: 'enum_em_campaign_status',
          index: true,
          options: campaignStatuses.map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value })),
          required: true,
        },
        {
          name: 'scheduledAt',
          type: 'date',
          admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar', readOnly: true },
          index: true,
          timezone: true,
        },
        fanOutField,
      ],
      hooks: { beforeChange: [guardCampaignChange] },
      timestamps: true,
    },
    options,
  )
}

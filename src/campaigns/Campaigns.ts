import type { CollectionConfig, CollectionSlug, Field } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { emailContentEditor } from '../rendering/emailContentEditor.js'
import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { abTestField, audienceField, fanOutField } from './campaignFields.js'
import { campaignStatuses } from './campaignStatus.js'
import { frozenOnceSent } from './frozenFields.js'
import { guardCampaignChange } from './hooks/guardCampaignChange.js'
import {
  refuseDeletingSendingCampaign,
  removeCampaignSendRows,
} from './hooks/guardCampaignDelete.js'
import { mergeTagPicker } from './mergeTagPicker.js'
import { isTimeZone } from '../utilities/scheduledTimeZone.js'
import { campaignReportView } from './report/campaignReportView.js'
import { campaignListFields, campaignListStats } from './report/listColumns.js'

/** Written by the send machinery through SQL only; an API update never changes them. */
const systemOnly = <T extends Field>(field: T): T => ({ ...field, access: { update: () => false } })

/** What is sent: read-only once the campaign leaves draft (see frozenFields.ts). */
const frozen = <T extends Field>(field: T): T => ({
  ...field,
  access: { ...('access' in field ? field.access : {}), update: frozenOnceSent },
})

const liquidHint = 'Liquid allowed, e.g. {{ contact.firstName | default: "there" }}.'

/** Campaigns reference segments and layouts once those collections are part of the plugin. */
export const campaignRelations = { layouts: true, segments: true }

/**
 * One-off emails to opted-in lists. Status changes go through the actions (sendCampaign, pause...),
 * which call the same services as the REST endpoints; the editor only edits drafts.
 */
export const createCampaignsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig => {
  const content = {
    type: 'richText' as const,
    editor: emailContentEditor(options.uploadCollection),
  }
  const layoutField: Field[] = campaignRelations.layouts
    ? [
        frozen({
          name: 'layout',
          type: 'relationship',
          admin: { description: 'The default marketing layout when empty.' },
          filterOptions: { kind: { equals: 'marketing' } },
          relationTo: options.slugs.layouts as CollectionSlug,
        } as Field),
      ]
    : []
  return finalizeCollection(
    'campaigns',
    {
      slug: options.slugs.campaigns,
      admin: {
        components: { views: { edit: { report: campaignReportView } } },
        defaultColumns: [
          'name',
          'status',
          'scheduledAt',
          'sentAt',
          'recipients',
          'openRate',
          'clickRate',
        ],
        useAsTitle: 'name',
      },
      fields: [
        {
          name: 'campaignActions',
          type: 'ui',
          admin: {
            components: {
              Field: {
                clientProps: { contactsSlug: options.slugs.contacts },
                path: 'payload-plugin-email-marketing/client#CampaignActions',
              },
            },
          },
        },
        { name: 'name', type: 'text', required: true },
        // Near the top: Payload renders a group's fields only once it scrolls near the viewport,
        // and "who receives it" is the first thing an editor decides.
        frozen(audienceField(options, campaignRelations.segments)),
        frozen({
          name: 'subject',
          type: 'text',
          admin: { components: mergeTagPicker('subject'), description: liquidHint },
          required: true,
        }),
        frozen({
          name: 'preheader',
          type: 'text',
          admin: {
            components: mergeTagPicker('preheader'),
            description: 'Preview text shown after the subject in inboxes. Liquid allowed.',
          },
        }),
        {
          type: 'row',
          fields: [
            frozen({ name: 'fromName', type: 'text' }),
            frozen({
              name: 'fromEmail',
              type: 'email',
              admin: {
                description: "Defaults to the first list's sender, then the plugin default.",
              },
            }),
            frozen({ name: 'replyTo', type: 'email' }),
          ],
        },
        frozen({
          ...content,
          name: 'content',
          admin: { components: mergeTagPicker('content', 'richText') },
        }),
        ...layoutField,
        frozen(abTestField(content)),
        {
          name: 'status',
          type: 'select',
          admin: { position: 'sidebar', readOnly: true },
          defaultValue: 'draft',
          enumName: 'enum_em_campaign_status',
          index: true,
          options: campaignStatuses.map((value) => ({
            label: value[0].toUpperCase() + value.slice(1),
            value,
          })),
          required: true,
        },
        // Set by scheduling (review and send) only. The form shows both in one line, "Scheduled
        // for Thu 24 Dec 2026, 9:00 AM Europe/Berlin"; the list's column shows the time in that zone.
        {
          name: 'scheduledAt',
          type: 'date',
          admin: {
            components: {
              Cell: 'payload-plugin-email-marketing/client#ScheduledAtCell',
              Field: false,
            },
            date: { pickerAppearance: 'dayAndTime' },
            readOnly: true,
          },
          index: true,
          label: 'Scheduled for',
        },
        {
          name: 'scheduledTimeZone',
          type: 'text',
          admin: {
            components: { Field: 'payload-plugin-email-marketing/client#ScheduledForField' },
            description: 'The time zone the send time was chosen in.',
            disableListColumn: true,
            position: 'sidebar',
            readOnly: true,
          },
          label: 'Time zone',
          validate: (value: null | string | undefined) =>
            !value ||
            isTimeZone(value) ||
            `"${value}" is not a time zone; use an IANA name such as Europe/Berlin.`,
        },
        systemOnly({
          name: 'pausedReason',
          type: 'textarea',
          admin: {
            condition: (data) => Boolean(data?.pausedReason),
            description:
              'Why the campaign paused itself; nothing more is sent until it is resumed or cancelled.',
            position: 'sidebar',
            readOnly: true,
          },
          label: 'Paused because',
        }),
        // The audience as it was when sending started: the fan-out works from it, never from later edits.
        systemOnly({ name: 'audienceSnapshot', type: 'json', admin: { hidden: true } }),
        systemOnly(fanOutField),
        ...campaignListFields,
      ],
      hooks: {
        afterDelete: [removeCampaignSendRows],
        afterOperation: [campaignListStats],
        beforeChange: [guardCampaignChange],
        beforeDelete: [refuseDeletingSendingCampaign],
      },
      timestamps: true,
    },
    options,
  )
}

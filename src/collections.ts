import type { CollectionConfig } from 'payload'

import type { SanitizedEmailMarketingOptions } from './types.js'

import { createAuditLogCollection } from './access/AuditLog.js'
import { createAutomationsCollection } from './automations/Automations.js'
import { createEnrollmentsCollection } from './automations/Enrollments.js'
import { createAutomationEventsCollection } from './automations/events/AutomationEvents.js'
import { createCampaignsCollection } from './campaigns/Campaigns.js'
import { createContactsCollection } from './contacts/Contacts.js'
import { createDealsCollection } from './deals/Deals.js'
import { createPipelinesCollection } from './deals/Pipelines.js'
import { createContactImportsCollection } from './imports/ContactImports.js'
import { createImportRejectionsCollection } from './imports/ImportRejections.js'
import { createLayoutsCollection } from './layouts/Layouts.js'
import { createListsCollection } from './lists/Lists.js'
import { createSubscriptionsCollection } from './subscriptions/Subscriptions.js'
import { createErasedAddressesCollection } from './privacy/ErasedAddresses.js'
import { createSegmentsCollection } from './segments/Segments.js'
import { createMessagesCollection } from './sending/Messages.js'
import { createTagsCollection } from './tags/Tags.js'
import { createTransactionalTemplatesCollection } from './transactional/TransactionalTemplates.js'
import { createMessageEventsCollection } from './webhooks/MessageEvents.js'

/** Every collection the plugin adds, whether or not it is enabled, so the schema never changes with it. */
export const createCollections = (options: SanitizedEmailMarketingOptions): CollectionConfig[] => {
  const collections = pluginCollections(options)
  const hasLayouts = collections.some((collection) => collection.slug === options.slugs.layouts)
  return [
    ...collections,
    createTransactionalTemplatesCollection(options, {
      layoutsSlug: hasLayouts ? options.slugs.layouts : undefined,
    }),
  ]
}

const pluginCollections = (options: SanitizedEmailMarketingOptions): CollectionConfig[] => [
  createContactsCollection(options),
  createListsCollection(options),
  createSubscriptionsCollection(options),
  createTagsCollection(options),
  createMessagesCollection(options),
  createMessageEventsCollection(options),
  createSegmentsCollection(options),
  createLayoutsCollection(options),
  createPipelinesCollection(options),
  createDealsCollection(options),
  createCampaignsCollection(options),
  createAutomationsCollection(options),
  createEnrollmentsCollection(options),
  createAutomationEventsCollection(options),
  createContactImportsCollection(options),
  createImportRejectionsCollection(options),
  createErasedAddressesCollection(options),
  createAuditLogCollection(options),
]

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
  const transactionalTemplates = createTransactionalTemplatesCollection(options, {
    layoutsSlug: hasLayouts ? options.slugs.layouts : undefined,
  })
  // The admin nav lists collections in config order: the everyday ones first, bookkeeping after.
  const afterAutomations =
    collections.findIndex((collection) => collection.slug === options.slugs.automations) + 1
  return [
    ...collections.slice(0, afterAutomations),
    transactionalTemplates,
    ...collections.slice(afterAutomations),
  ]
}

const pluginCollections = (options: SanitizedEmailMarketingOptions): CollectionConfig[] => [
  createContactsCollection(options),
  createListsCollection(options),
  createSegmentsCollection(options),
  createCampaignsCollection(options),
  createAutomationsCollection(options),
  createDealsCollection(options),
  createLayoutsCollection(options),
  createTagsCollection(options),
  createPipelinesCollection(options),
  createMessagesCollection(options),
  createSubscriptionsCollection(options),
  createEnrollmentsCollection(options),
  createMessageEventsCollection(options),
  createContactImportsCollection(options),
  createImportRejectionsCollection(options),
  createAutomationEventsCollection(options),
  createErasedAddressesCollection(options),
  createAuditLogCollection(options),
]

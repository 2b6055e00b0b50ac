import type { CollectionConfig } from 'payload'

import type { SanitizedEmailMarketingOptions } from './types.js'

import { createContactsCollection } from './contacts/Contacts.js'
import { createDealsCollection } from './deals/Deals.js'
import { createPipelinesCollection } from './deals/Pipelines.js'
import { createListsCollection } from './lists/Lists.js'
import { createSubscriptionsCollection } from './lists/Subscriptions.js'
import { createSegmentsCollection } from './segments/Segments.js'
import { createMessagesCollection } from './sending/Messages.js'
import { createTagsCollection } from './tags/Tags.js'

/** Every collection the plugin adds, whether or not it is enabled, so the schema never changes with it. */
export const createCollections = (options: SanitizedEmailMarketingOptions): CollectionConfig[] => [
  createContactsCollection(options),
  createListsCollection(options),
  createSubscriptionsCollection(options),
  createTagsCollection(options),
  createMessagesCollection(options),
  createPipelinesCollection(options),
  createDealsCollection(options),
  createSegmentsCollection(options),
]

import type { EmailMarketingCollection } from './types.js'

export const defaultSlugs: Record<EmailMarketingCollection, string> = {
  automations: 'automations',
  campaigns: 'campaigns',
  contacts: 'contacts',
  deals: 'deals',
  enrollments: 'enrollments',
  layouts: 'layouts',
  lists: 'lists',
  messages: 'messages',
  pipelines: 'pipelines',
  segments: 'segments',
  subscriptions: 'subscriptions',
  tags: 'tags',
  transactionalTemplates: 'transactional-templates',
}

export const defaultAdminGroup = 'Email marketing'

export const postmarkApiUrl = 'https://api.postmarkapp.com'

/** Postmark accepts at most 500 messages per batch call. */
export const maxBatchSize = 500

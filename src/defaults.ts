import type { EmailMarketingCollection } from './types.js'

export const defaultSlugs: Record<EmailMarketingCollection, string> = {
  contacts: 'contacts',
  lists: 'lists',
  messages: 'messages',
  subscriptions: 'subscriptions',
  tags: 'tags',
}

export const defaultAdminGroup = 'Email marketing'

export const postmarkApiUrl = 'https://api.postmarkapp.com'

/** Postmark accepts at most 500 messages per batch call. */
export const maxBatchSize = 500

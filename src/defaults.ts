import type { EmailMarketingCollection } from './types.js'

export const defaultSlugs = {
  auditLog: 'audit-log',
  automationEvents: 'automation-events',
  automations: 'automations',
  campaigns: 'campaigns',
  contactImports: 'contact-imports',
  contacts: 'contacts',
  deals: 'deals',
  enrollments: 'enrollments',
  erasedAddresses: 'erased-addresses',
  importRejections: 'contact-import-rejections',
  layouts: 'layouts',
  lists: 'lists',
  messageEvents: 'message-events',
  messages: 'messages',
  pipelines: 'pipelines',
  segments: 'segments',
  subscriptions: 'subscriptions',
  tags: 'tags',
  transactionalTemplates: 'transactional-templates',
} as const satisfies Record<EmailMarketingCollection, string>

export const defaultAdminGroup = 'Email marketing'

export const defaultRecordsAdminGroup = 'Email marketing records'

export const postmarkApiUrl = 'https://api.postmarkapp.com'

/** Postmark accepts at most 500 messages per batch call. */
export const maxBatchSize = 500

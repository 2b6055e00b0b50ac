import type { Access, CollectionConfig } from 'payload'

/** The collections the plugin adds, by their default slug. */
export type EmailMarketingCollection =
  | 'automations'
  | 'campaigns'
  | 'contacts'
  | 'deals'
  | 'enrollments'
  | 'layouts'
  | 'lists'
  | 'messages'
  | 'pipelines'
  | 'segments'
  | 'subscriptions'
  | 'tags'
  | 'transactionalTemplates'

/** Receives the plugin's collection config and returns the one to use. */
export type CollectionOverride = (collection: CollectionConfig) => CollectionConfig

export type PostmarkOptions = {
  /**
   * Base URL of the Postmark API, for tests and proxies (e.g. `http://127.0.0.1:7777`).
   * @default 'https://api.postmarkapp.com'
   */
  apiUrl?: string
  /** Name of the broadcast message stream used for campaigns. @default 'broadcast' */
  broadcastStream?: string
  /**
   * Postmark server API token. Without it the plugin runs in capture mode: messages are
   * kept in the log as `captured` instead of being sent.
   */
  serverToken?: string
  /** Milliseconds before a Postmark API call is abandoned and retried. @default 30000 */
  timeoutMs?: number
  /** Name of the transactional message stream (transactional, 1:1, auth emails). @default 'outbound' */
  transactionalStream?: string
}

export type SendingOptions = {
  /** Seconds a claimed message may stay `sending` before another worker reconciles it. @default 120 */
  leaseSeconds?: number
  /** Attempts before a message that keeps meeting 429/5xx/timeouts is marked `failed`. @default 8 */
  maxAttempts?: number
  /** Batch calls in flight at once per worker process. @default 4 */
  concurrency?: number
  /** Messages per Postmark batch call (Postmark's limit is 500). @default 500 */
  batchSize?: number
  /** First retry delay; doubles per attempt, with jitter. @default 10 */
  retryBaseSeconds?: number
  /** Messages per minute allowed per message stream, e.g. `{ broadcast: 6000 }`. Unlimited when absent. */
  rateLimitPerMinute?: Record<string, number>
  /** The default sender of plugin email (and of Payload's own email when the adapter is used). */
  from?: { address: string; name?: string }
}

export type SchedulerOptions = {
  /** Run the node-cron ticks in this process. @default true */
  enabled?: boolean
  /** Cron expression (seconds allowed) for draining the outbox. @default '* * * * * *' */
  outboxCron?: string
}

export type EmailMarketingPluginOptions = {
  /**
   * Who may read and write the plugin's collections.
   * @default only logged-in users of the admin user collection
   */
  access?: { read?: Access; write?: Access }
  /** Admin sidebar group for the plugin's collections. @default 'Email marketing' */
  adminGroup?: string
  /**
   * Who sees and edits deals. `'ownerOnly'`: each user reads, updates and deletes only the deals
   * they own (REST, GraphQL, Local API with access and the board), except users `isDealAdmin` accepts.
   * @default 'all'
   */
  dealAccess?: 'all' | 'ownerOnly'
  /**
   * When false the collections are still added (so the database schema stays stable) but no
   * endpoints, sending hooks or scheduler are registered.
   * @default true
   */
  enabled?: boolean
  /**
   * Under `dealAccess: 'ownerOnly'`, the users who still see and edit every deal.
   * @default user => Array.isArray(user.roles) && user.roles.includes('admin')
   */
  isDealAdmin?: (user: Record<string, unknown>) => boolean
  /**
   * Adapt a collection: change fields, access or admin options. Receives the plugin's config,
   * returns the config to use.
   */
  overrides?: Partial<Record<EmailMarketingCollection, CollectionOverride>>
  /** Postmark connection. */
  postmark?: PostmarkOptions
  /** Public base URL of the site, used in links inside emails (unsubscribe, confirm). */
  publicUrl?: string
  /** Outbox delivery tuning. */
  sending?: SendingOptions
  /** node-cron ticks run in this process. */
  scheduler?: SchedulerOptions
  /** Secret for signed links (unsubscribe, confirm). Required when the plugin is enabled. */
  secret?: string
  /** Replace the slug of a plugin collection, e.g. `{ contacts: 'subscribers' }`. */
  slugs?: Partial<Record<EmailMarketingCollection, string>>
  /**
   * Install the Postmark-backed email adapter as Payload's `email` when the config has none,
   * so `payload.sendEmail` and auth emails go through the outbox.
   * @default true
   */
  useAsPayloadEmail?: boolean
}

/** Options after defaults are applied; what the rest of the plugin reads. */
export type SanitizedEmailMarketingOptions = {
  access: { read: Access; write: Access }
  adminGroup: string
  adminUserSlug: string
  dealAccess: 'all' | 'ownerOnly'
  isDealAdmin: (user: Record<string, unknown>) => boolean
  enabled: boolean
  overrides: Partial<Record<EmailMarketingCollection, CollectionOverride>>
  postmark: Required<Omit<PostmarkOptions, 'serverToken'>> & { serverToken?: string }
  publicUrl: string
  scheduler: Required<SchedulerOptions>
  secret: string
  sending: Required<Omit<SendingOptions, 'from'>> & { from: { address: string; name: string } }
  slugs: Record<EmailMarketingCollection, string>
  useAsPayloadEmail: boolean
}

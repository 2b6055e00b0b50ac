import type { Access, CollectionConfig, PayloadRequest } from 'payload'

/** The collections the plugin adds, by their default slug. */
export type EmailMarketingCollection =
  | 'auditLog'
  | 'automationEvents'
  | 'automations'
  | 'campaigns'
  | 'contactImports'
  | 'contacts'
  | 'deals'
  | 'enrollments'
  | 'erasedAddresses'
  | 'importRejections'
  | 'layouts'
  | 'lists'
  | 'messageEvents'
  | 'messages'
  | 'pipelines'
  | 'segments'
  | 'subscriptions'
  | 'tags'
  | 'transactionalTemplates'

/**
 * Decides whether the request's user may do what an endpoint needs. Only called for users of the
 * admin user collection (`admin.user`, or API keys of one): anyone else is refused before it runs.
 */
export type EndpointAccess = (args: { req: PayloadRequest }) => boolean | Promise<boolean>

/** What a non-public plugin endpoint asks of its caller; each is one option (see `resolvePermissions`). */
export type Permission =
  | 'changeContacts'
  | 'erase'
  | 'export'
  | 'import'
  | 'manageCampaigns'
  | 'readContacts'
  | 'sendOneToOne'
  | 'sendTransactional'
  | 'trackEvents'

export type Permissions = Record<Permission, EndpointAccess>

/** Decides whether the request's user may send 1:1 email. */
export type OneToOneAccess = EndpointAccess

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
  /**
   * Cron expression (seconds allowed) for the campaign tick: start due scheduled campaigns, pick
   * A/B winners, continue fan-outs, mark finished campaigns sent. @default '* * * * * *'
   */
  campaignCron?: string
  /** Cron expression (seconds allowed) for draining the outbox. @default '* * * * * *' */
  outboxCron?: string
}

export type RetentionOptions = {
  /** Run the background compaction in this process's scheduler. @default true */
  enabled?: boolean
  /**
   * Days after which a sent message's HTML, text, template model and attachments are removed. The
   * row stays with its status and delivery facts (stats, timelines and segments keep working).
   * `0` keeps bodies forever. @default 180
   */
  bodyDays?: number
  /**
   * Days after which the per-event rows of the webhooks (every open, click, delivery and bounce)
   * are removed. Opens and clicks per campaign, hour and link are folded into aggregates first,
   * so campaign reports give the same numbers. `0` keeps them forever. @default 365
   */
  eventDays?: number
  /** Rows removed or rewritten per statement; each batch is its own short transaction. @default 5000 */
  batchSize?: number
  /** Batches of each kind one tick runs at most, so a tick stays bounded. @default 20 */
  maxBatchesPerTick?: number
  /** Cron expression (seconds allowed) for the compaction tick. @default '0 * * * * *' */
  cron?: string
}

export type ImportOptions = {
  /**
   * Directory where uploaded CSV files of contact imports are stored (Payload's upload `staticDir`).
   * Every server process that runs imports must see the same directory. The files hold customer
   * data: a directory inside the project folder is refused unless `allowUploadDirInProject`.
   * @default '<OS data directory>/payload-email-marketing/imports' (e.g. ~/.local/share/… on Linux)
   */
  uploadDir?: string
  /** Accept an `uploadDir` inside the project folder (make sure it is git-ignored). @default false */
  allowUploadDirInProject?: boolean
  /** Rows written per set-based statement (and per committed checkpoint). @default 2000 */
  chunkSize?: number
  /** Cron expression (seconds allowed) for picking up queued or abandoned imports. @default '*\/5 * * * * *' */
  cron?: string
  /** Seconds a running import may go without progress before another process resumes it. @default 120 */
  leaseSeconds?: number
}

export type WebhookOptions = {
  /** Basic-auth user name Postmark sends with webhooks. Without username and password the webhook endpoint is off. */
  username?: string
  /** Basic-auth password Postmark sends with webhooks. */
  password?: string
}

export type UnsubscribeOptions = {
  /**
   * `self`: the plugin signs per-message unsubscribe links and adds RFC 8058 List-Unsubscribe headers.
   * `postmark`: Postmark's own unsubscribe placeholder is used and SubscriptionChange webhooks keep contacts in sync.
   * @default 'self'
   */
  mode?: 'postmark' | 'self'
  /** Address for the `mailto:` part of the List-Unsubscribe header. Only the https link is sent when absent. */
  mailto?: string
}

export type AutomationOptions = {
  /** Cron expression (seconds allowed) for advancing due automation enrollments. @default '* * * * * *' */
  cron?: string
  /** Enrollments claimed per batch of a tick. @default 500 */
  batchSize?: number
  /** Batches one process runs at once in a tick, each claimed separately, so Postgres and rendering overlap. @default 2 */
  concurrency?: number
  /** Seconds a claimed enrollment stays locked to its worker; after that another tick may resume it. @default 120 */
  leaseSeconds?: number
  /** Runs one contact may start in one automation within `runWindowHours`; bounds self-triggering loops. @default 10 */
  maxRunsPerWindow?: number
  /** Window of `maxRunsPerWindow`, in hours. @default 24 */
  runWindowHours?: number
  /** How deep "start another automation" chains may go. @default 5 */
  maxChainDepth?: number
  /** Minutes between checks of a "wait until a condition holds" step. @default 15 */
  conditionCheckMinutes?: number
  /** Trigger events (rows of `automation-events`) one engine transaction consumes at most. @default 1000 */
  eventBatchSize?: number
  /** Days a processed trigger event is kept before the engine prunes it (in batches of `eventBatchSize`). @default 7 */
  eventRetentionDays?: number
}

export type SuppressionSyncOptions = {
  /** Pull Postmark's suppression lists into contact statuses on a schedule (needs a server token). @default false */
  sync?: boolean
  /** Cron expression of the sync tick. @default '0 *\/15 * * * *' (every 15 minutes) */
  cron?: string
  /** Message streams whose suppression lists are synced. @default [postmark.broadcastStream] */
  streams?: string[]
}

export type DoubleOptInOptions = {
  /** Hours a confirmation link stays valid. @default 72 */
  tokenTtlHours?: number
}

export type SubscribeRateLimitOptions = {
  /** Subscribe requests allowed per client IP per window. @default 20 */
  perIp?: number
  /** Subscribe requests allowed per email address per window. @default 5 */
  perAddress?: number
  /** Length of the window in seconds. @default 3600 */
  windowSeconds?: number
}

export type EmailMarketingPluginOptions = {
  /**
   * Who may read and write the plugin's collections, and the default of every endpoint permission
   * below (reads follow `read`, sends and changes follow `write`). Users of any other auth collection
   * (site customers) are refused before these run.
   * @default users of the admin user collection
   */
  access?: { read?: Access; write?: Access }
  /**
   * Who may send, schedule, pause, resume, cancel, duplicate and test-send campaigns
   * (`/api/email-marketing/campaigns/:id/*` POST routes).
   * @default access.write
   */
  campaignAccess?: EndpointAccess
  /**
   * Who may erase a contact (`POST /api/email-marketing/contacts/:id/erase`).
   * @default access.write
   */
  eraseAccess?: EndpointAccess
  /**
   * Who may track custom events (`POST /api/email-marketing/events`), e.g. a backend's API-key user.
   * @default access.write
   */
  eventsAccess?: EndpointAccess
  /**
   * Who may export contacts as CSV or a contact's data as JSON (`/api/email-marketing/export/*`,
   * `/contacts/:id/data-export`).
   * @default access.read
   */
  exportAccess?: EndpointAccess
  /**
   * Who may start contact imports and read their header and rejected rows (`/api/email-marketing/imports/:id/*`).
   * @default access.write
   */
  importAccess?: EndpointAccess
  /** Admin sidebar group for the everyday collections (contacts, lists, campaigns...). @default 'Email marketing' */
  adminGroup?: string
  /** The automation engine: tick schedule, batch size and loop bounds. */
  automations?: AutomationOptions
  /**
   * Who sees and edits deals. `'ownerOnly'`: each user reads, updates and deletes only the deals
   * they own (REST, GraphQL, Local API with access and the board), except users `isDealAdmin` accepts.
   * @default 'all'
   */
  dealAccess?: 'all' | 'ownerOnly'
  /** Double opt-in confirmation links. */
  doubleOptIn?: DoubleOptInOptions
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
  /** CSV contact imports. */
  imports?: ImportOptions
  /**
   * Who may send 1:1 email from the admin and the REST endpoint (`/api/email-marketing/one-to-one`).
   * `sendOneToOne` from code skips the check unless called with `overrideAccess: false`.
   * @default access.write
   */
  oneToOneAccess?: OneToOneAccess
  /** Postmark connection. */
  postmark?: PostmarkOptions
  /** Public base URL of the site, used in links inside emails (unsubscribe, confirm). */
  publicUrl?: string
  /**
   * Admin sidebar group for the bookkeeping collections (email log, subscriptions, enrollments,
   * message events, imports, erased addresses, audit log), listed after the everyday group.
   * @default 'Email marketing records'
   */
  recordsAdminGroup?: string
  /** Outbox delivery tuning. */
  sending?: SendingOptions
  /** node-cron ticks run in this process. */
  scheduler?: SchedulerOptions
  /** How long message bodies and per-event webhook rows are kept (see docs in the README). */
  retention?: RetentionOptions
  /** Secret for signed links (unsubscribe, confirm). Required when the plugin is enabled. */
  secret?: string
  /** Consecutive soft bounces after which a contact is marked `bounced`. @default 3 */
  softBounceLimit?: number
  /** Sync contact statuses with Postmark's suppression lists. */
  suppressions?: SuppressionSyncOptions
  /** Limits on the public subscribe endpoint, counted in Postgres so they hold across processes. */
  subscribeRateLimit?: SubscribeRateLimitOptions
  /**
   * Who may send transactional email over REST (`POST /api/email-marketing/transactional` and the
   * template test send), e.g. a backend's API-key user. `sendTransactional` from code is not checked.
   * @default access.write
   */
  transactionalAccess?: EndpointAccess
  /**
   * Addresses of the proxies (load balancers) in front of the app. `X-Forwarded-For` / `X-Real-IP`
   * count only when the request's direct peer is one of them; otherwise the peer is the client.
   * `'*'` trusts any peer: only when nothing can reach the app except through your proxy.
   * Used by rate limits, consent records and the audit log.
   * @default [] (forwarded headers are ignored)
   */
  trustedProxies?: string[]
  /** How unsubscribe links and headers work. */
  unsubscribe?: UnsubscribeOptions
  /** Basic-auth credentials of the Postmark webhook endpoint (`/api/email-marketing/webhooks/postmark`). */
  webhooks?: WebhookOptions
  /** Replace the slug of a plugin collection, e.g. `{ contacts: 'subscribers' }`. */
  slugs?: Partial<Record<EmailMarketingCollection, string>>
  /**
   * The site's upload collection (e.g. `'media'`) that the campaign body's image block picks
   * images from; the block then takes an upload or a URL (exactly one), and the email gets the
   * upload's absolute URL (`serverURL`, else `publicUrl`). `false`: images by URL only.
   * @default the first upload collection of the host config, if any
   */
  uploadCollection?: false | string
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
  recordsAdminGroup: string
  adminUserSlug: string
  automations: Required<AutomationOptions>
  dealAccess: 'all' | 'ownerOnly'
  isDealAdmin: (user: Record<string, unknown>) => boolean
  doubleOptIn: Required<DoubleOptInOptions>
  enabled: boolean
  imports: Required<ImportOptions>
  overrides: Partial<Record<EmailMarketingCollection, CollectionOverride>>
  postmark: Required<Omit<PostmarkOptions, 'serverToken'>> & { serverToken?: string }
  publicUrl: string
  retention: Required<RetentionOptions>
  scheduler: Required<SchedulerOptions>
  secret: string
  sending: Required<Omit<SendingOptions, 'from'>> & { from: { address: string; name: string } }
  slugs: Record<EmailMarketingCollection, string>
  softBounceLimit: number
  subscribeRateLimit: Required<SubscribeRateLimitOptions>
  suppressions: Required<SuppressionSyncOptions>
  unsubscribe: { mailto?: string; mode: 'postmark' | 'self' }
  /** The host's upload collection for image blocks; undefined: images by URL only. */
  uploadCollection?: string
  useAsPayloadEmail: boolean
  /** What each non-public endpoint requires, resolved from the `*Access` options. */
  permissions: Permissions
  trustedProxies: string[]
  /** Undefined when the webhook endpoint is off. */
  webhooks?: Required<WebhookOptions>
}

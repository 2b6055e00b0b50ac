import type { Config } from 'payload'

import type { EmailMarketingPluginOptions, SanitizedEmailMarketingOptions } from './types.js'

import { adminCollectionOnly, resolvePermissions } from './access/permissions.js'
import { importUploadDir } from './imports/importUploadDir.js'
import {
  defaultAdminGroup,
  defaultRecordsAdminGroup,
  defaultSlugs,
  maxBatchSize,
  postmarkApiUrl,
} from './defaults.js'

/** The admin user collection: `admin.user`, or the first auth collection as Payload picks it. */
const findAdminUserSlug = (config: Config): string =>
  config.admin?.user ?? config.collections?.find((collection) => collection.auth)?.slug ?? 'users'

/** `uploadCollection` as given (false: none), else the host config's first upload collection. */
const findUploadCollection = (
  options: EmailMarketingPluginOptions,
  config: Config,
): string | undefined => {
  if (options.uploadCollection === false) return undefined
  if (options.uploadCollection) {
    const found = config.collections?.find(
      (collection) => collection.slug === options.uploadCollection,
    )
    if (!found?.upload)
      throw new Error(
        `payload-plugin-email-marketing: uploadCollection '${options.uploadCollection}' is not an upload collection of this config.`,
      )
    return options.uploadCollection
  }
  return config.collections?.find((collection) => collection.upload)?.slug
}

const hasAdminRole = (user: Record<string, unknown>): boolean =>
  Array.isArray(user.roles) && user.roles.includes('admin')

export const sanitizeOptions = (
  options: EmailMarketingPluginOptions,
  config: Config,
): SanitizedEmailMarketingOptions => {
  const enabled = options.enabled ?? true
  if (enabled && !options.secret) {
    throw new Error(
      'payload-plugin-email-marketing: the `secret` option is required when the plugin is enabled; it signs unsubscribe and confirmation links. Pass a long random string, e.g. from process.env.EMAIL_MARKETING_SECRET.',
    )
  }
  const adminUserSlug = findAdminUserSlug(config)
  const batchSize = options.sending?.batchSize ?? maxBatchSize
  if (batchSize < 1 || batchSize > maxBatchSize) {
    throw new Error(
      `payload-plugin-email-marketing: sending.batchSize must be between 1 and ${maxBatchSize}.`,
    )
  }
  const leaseSeconds = options.sending?.leaseSeconds ?? 120
  const timeoutMs = options.postmark?.timeoutMs ?? 30_000
  if (leaseSeconds * 1000 <= timeoutMs) {
    throw new Error(
      `payload-plugin-email-marketing: sending.leaseSeconds (${leaseSeconds}) must be longer than postmark.timeoutMs (${timeoutMs} ms), or a slow call could be resent while Postmark is still answering it.`,
    )
  }
  const access = {
    read: adminCollectionOnly(adminUserSlug, options.access?.read),
    write: adminCollectionOnly(adminUserSlug, options.access?.write),
  }
  return {
    access,
    adminGroup: options.adminGroup ?? defaultAdminGroup,
    recordsAdminGroup: options.recordsAdminGroup ?? defaultRecordsAdminGroup,
    adminUserSlug,
    automations: {
      batchSize: options.automations?.batchSize ?? 500,
      concurrency: Math.max(1, options.automations?.concurrency ?? 2),
      conditionCheckMinutes: options.automations?.conditionCheckMinutes ?? 15,
      cron: options.automations?.cron ?? '* * * * * *',
      eventBatchSize: Math.max(1, options.automations?.eventBatchSize ?? 1000),
      eventRetentionDays: Math.max(0, options.automations?.eventRetentionDays ?? 7),
      leaseSeconds: options.automations?.leaseSeconds ?? 120,
      maxChainDepth: options.automations?.maxChainDepth ?? 5,
      maxRunsPerWindow: options.automations?.maxRunsPerWindow ?? 10,
      runWindowHours: options.automations?.runWindowHours ?? 24,
    },
    dealAccess: options.dealAccess ?? 'all',
    doubleOptIn: { tokenTtlHours: options.doubleOptIn?.tokenTtlHours ?? 72 },
    enabled,
    imports: {
      allowUploadDirInProject: options.imports?.allowUploadDirInProject ?? false,
      chunkSize: options.imports?.chunkSize ?? 2000,
      cron: options.imports?.cron ?? '*/5 * * * * *',
      leaseSeconds: options.imports?.leaseSeconds ?? 120,
      uploadDir: importUploadDir({
        allowInsideProject: options.imports?.allowUploadDirInProject,
        uploadDir: options.imports?.uploadDir,
      }),
    },
    isDealAdmin: options.isDealAdmin ?? hasAdminRole,
    overrides: options.overrides ?? {},
    postmark: {
      apiUrl: options.postmark?.apiUrl ?? postmarkApiUrl,
      broadcastStream: options.postmark?.broadcastStream ?? 'broadcast',
      serverToken: options.postmark?.serverToken,
      timeoutMs,
      transactionalStream: options.postmark?.transactionalStream ?? 'outbound',
    },
    permissions: resolvePermissions(options, access),
    publicUrl: (options.publicUrl ?? config.serverURL ?? 'http://localhost:3000').replace(
      /\/$/,
      '',
    ),
    retention: {
      batchSize: Math.max(1, options.retention?.batchSize ?? 5000),
      bodyDays: Math.max(0, options.retention?.bodyDays ?? 180),
      cron: options.retention?.cron ?? '0 * * * * *',
      enabled: options.retention?.enabled ?? true,
      eventDays: Math.max(0, options.retention?.eventDays ?? 365),
      maxBatchesPerTick: Math.max(1, options.retention?.maxBatchesPerTick ?? 20),
    },
    scheduler: {
      campaignCron: options.scheduler?.campaignCron ?? '* * * * * *',
      enabled: options.scheduler?.enabled ?? true,
      outboxCron: options.scheduler?.outboxCron ?? '* * * * * *',
    },
    secret: options.secret ?? '',
    sending: {
      batchSize,
      concurrency: options.sending?.concurrency ?? 4,
      from: {
        address: options.sending?.from?.address ?? 'hello@example.com',
        name: options.sending?.from?.name ?? 'Email marketing',
      },
      leaseSeconds,
      maxAttempts: options.sending?.maxAttempts ?? 8,
      rateLimitPerMinute: options.sending?.rateLimitPerMinute ?? {},
      retryBaseSeconds: options.sending?.retryBaseSeconds ?? 10,
    },
    slugs: { ...defaultSlugs, ...options.slugs },
    softBounceLimit: options.softBounceLimit ?? 3,
    subscribeRateLimit: {
      perAddress: options.subscribeRateLimit?.perAddress ?? 5,
      perIp: options.subscribeRateLimit?.perIp ?? 20,
      windowSeconds: options.subscribeRateLimit?.windowSeconds ?? 3600,
    },
    suppressions: {
      cron: options.suppressions?.cron ?? '0 */15 * * * *',
      streams: options.suppressions?.streams ?? [options.postmark?.broadcastStream ?? 'broadcast'],
      sync: options.suppressions?.sync ?? false,
    },
    trustedProxies: (options.trustedProxies ?? []).map((address) => address.trim()),
    unsubscribe: { mailto: options.unsubscribe?.mailto, mode: options.unsubscribe?.mode ?? 'self' },
    uploadCollection: findUploadCollection(options, config),
    useAsPayloadEmail: options.useAsPayloadEmail ?? true,
    webhooks:
      options.webhooks?.username && options.webhooks.password
        ? { password: options.webhooks.password, username: options.webhooks.username }
        : undefined,
  }
}

import type { Config, Plugin } from 'payload'

import type { EmailMarketingPluginOptions } from './types.js'

import { automationEndpoints } from './automations/automationPlugin.js'
import { automationEventIndexesHook } from './automations/events/automationEventIndexes.js'
import { campaignEndpoints } from './campaigns/endpoints/campaignEndpoints.js'
import { reportEndpoints } from './campaigns/endpoints/reportEndpoints.js'
import { renderCampaignRows } from './campaigns/renderCampaignRows.js'
import { campaignCountTablesHook } from './sending/counters/campaignCountTables.js'
import { campaignRecipientTablesHook } from './sending/recipients/recipientTables.js'
import { unsubscribedIndexHook } from './campaigns/stats/unsubscribedIndex.js'
import { createCollections } from './collections.js'
import { exportEndpoints } from './dataExport/endpoints/exportEndpoints.js'
import { contactOverviewEndpoint } from './contacts/endpoints/contactOverviewEndpoint.js'
import { bulkContactEndpoints } from './contacts/endpoints/bulkContactEndpoints.js'
import { listMemberEndpoints } from './lists/endpoints/listMemberEndpoints.js'
import { withDashboard } from './dashboard/withDashboard.js'
import { oneToOneEndpoint } from './direct/endpoints/oneToOneEndpoint.js'
import { oneToOnePreviewEndpoint } from './direct/endpoints/oneToOnePreviewEndpoint.js'
import { dealBoardEndpoints, withDealBoard } from './deals/withDealBoard.js'
import { importEndpoints } from './imports/endpoints/importEndpoints.js'
import { messageLogEndpoints } from './messageLog/endpoints/messageLogEndpoints.js'
import { seedDefaultLayout } from './layouts/seedDefaultLayout.js'
import { withPluginOptions } from './pluginContext.js'
import { privacyEndpoints } from './privacy/endpoints/privacyEndpoints.js'
import { retentionTablesHook } from './retention/retentionTables.js'
import { sanitizeOptions } from './sanitizeOptions.js'
import { countSegmentEndpoint } from './segments/endpoints/countSegmentEndpoint.js'
import { segmentIndexesHook } from './segments/segmentIndexes.js'
import { startScheduler } from './scheduler/startScheduler.js'
import { watchDatabaseErrors } from './scheduler/watchDatabaseErrors.js'
import { registerClaimRenderer } from './sending/claimRenderers.js'
import { messageIndexesHook } from './sending/messageIndexes.js'
import { outboxEmailAdapter } from './sending/outboxEmailAdapter.js'
import { timelineEndpoint } from './timeline/endpoints/timelineEndpoints.js'
import { transactionalEndpoints } from './transactional/endpoints/transactionalEndpoints.js'
import { publicEndpoints } from './subscriptions/endpoints/publicEndpoints.js'
import { rateLimitTableHook } from './subscriptions/rateLimitTable.js'
import { assertPostgresConfig } from './utilities/assertPostgres.js'
import { withSchemaHooks } from './utilities/schemaHooks.js'

/**
 * Adds contacts, lists, subscriptions, tags and the message log to a Payload config and, when
 * enabled, the outbox email adapter and the delivery scheduler. Everything the host config already
 * has is kept; its `onInit` runs before the plugin's.
 */
export const emailMarketingPlugin =
  (pluginOptions: EmailMarketingPluginOptions = {}): Plugin =>
  (incomingConfig: Config): Config => {
    assertPostgresConfig(incomingConfig)
    const options = sanitizeOptions(pluginOptions, incomingConfig)
    const config = withSchemaHooks(
      withPluginOptions(
        {
          ...incomingConfig,
          collections: [...(incomingConfig.collections ?? []), ...createCollections(options)],
        },
        options,
      ),
      options,
      {
        afterSchemaInit: [
          segmentIndexesHook,
          messageIndexesHook,
          automationEventIndexesHook,
          unsubscribedIndexHook,
        ],
        beforeSchemaInit: [
          rateLimitTableHook,
          retentionTablesHook,
          campaignCountTablesHook,
          campaignRecipientTablesHook,
        ],
      },
    )
    if (!options.enabled) {
      return config
    }
    return {
      ...withDashboard(withDealBoard(config)),
      email: config.email ?? (options.useAsPayloadEmail ? outboxEmailAdapter() : undefined),
      endpoints: [
        ...(config.endpoints ?? []),
        ...dealBoardEndpoints,
        ...campaignEndpoints,
        ...reportEndpoints,
        countSegmentEndpoint,
        ...publicEndpoints(options),
        ...transactionalEndpoints,
        oneToOneEndpoint,
        oneToOnePreviewEndpoint,
        timelineEndpoint,
        ...importEndpoints,
        ...exportEndpoints,
        ...messageLogEndpoints,
        ...privacyEndpoints,
        ...automationEndpoints,
        ...bulkContactEndpoints,
        contactOverviewEndpoint,
        ...listMemberEndpoints,
      ],
      onInit: async (payload) => {
        watchDatabaseErrors(payload)
        registerClaimRenderer(payload, renderCampaignRows)
        await incomingConfig.onInit?.(payload)
        if (!options.postmark.serverToken) {
          payload.logger.warn(
            'email-marketing: no Postmark server token (postmark.serverToken / POSTMARK_SERVER_TOKEN), so emails run in capture mode: they are kept in the message log with status "captured" and not sent.',
          )
        }
        await seedDefaultLayout(payload)
        if (!options.webhooks) {
          payload.logger.warn(
            'email-marketing: webhooks.username / webhooks.password are not set, so the Postmark webhook endpoint (/api/email-marketing/webhooks/postmark) is off: deliveries, bounces, complaints, opens and clicks are not recorded.',
          )
        }
        startScheduler(payload)
      },
    }
  }

/*
 * The public API: exactly what README.md's "API" section lists. Everything else is internal and may
 * change; the repo's own tests and dev app import internals from their source files.
 */
export { rememberPeerAddress } from './access/clientAddress.js'
export { automationTick, type AutomationTickResult } from './automations/engine/automationTick.js'
export { enroll, type EnrollResult } from './automations/engine/enroll.js'
export { trackEvent, TrackEventError, type TrackEventResult } from './automations/trackEvent.js'
export { triggerOnChange, type TriggerOnChangeOptions } from './automations/triggerOnChange.js'
export { sendCampaign } from './campaigns/campaignActions.js'
export {
  type CampaignChecklist,
  CampaignChecklistError,
  checkCampaign,
  type ChecklistFinding,
} from './campaigns/campaignChecklist.js'
export { CampaignTransitionError } from './campaigns/campaignStatus.js'
export { contactDealHistory, type ContactDealChange } from './deals/contactDealHistory.js'
export { moveDeal, type MoveDealInput } from './deals/moveDeal.js'
export { InvalidOneToOneError, OneToOneForbiddenError } from './direct/errors.js'
export { sendOneToOne, type SendOneToOneArgs } from './direct/sendOneToOne.js'
export { eraseContact, type ErasureResult } from './privacy/eraseContact.js'
export { type ContactDataExport, exportContactData } from './privacy/exportContactData.js'
export {
  conditionGroupFields,
  type ConditionGroupFieldsOptions,
  type RuleBuilderOptions,
} from './segments/conditionGroupFields.js'
export {
  syncPostmarkSuppressions,
  type SuppressionSyncResult,
} from './suppressions/syncPostmarkSuppressions.js'
export {
  InvalidTransactionalTemplateError,
  MissingTemplateVariableError,
  TransactionalTemplateNotFoundError,
} from './transactional/errors.js'
export { InvalidRecipientError } from './transactional/recipient.js'
export {
  sendOnChange,
  type SendOnChangeArgs,
  type SendOnChangeOptions,
} from './transactional/sendOnChange.js'
export {
  sendTransactional,
  type SendTransactionalArgs,
  type SendTransactionalResult,
} from './transactional/sendTransactional.js'
export type {
  AutomationOptions,
  CollectionOverride,
  DoubleOptInOptions,
  EmailMarketingCollection,
  EmailMarketingPluginOptions,
  EndpointAccess,
  ImportOptions,
  OneToOneAccess,
  Permission,
  PostmarkOptions,
  SchedulerOptions,
  SendingOptions,
  SubscribeRateLimitOptions,
  SuppressionSyncOptions,
  UnsubscribeOptions,
  WebhookOptions,
} from './types.js'
export { EmailMarketingError } from './errors/EmailMarketingError.js'
export { MalformedWebhookError } from './webhooks/webhookFields.js'
export { recordPostmarkWebhook, type WebhookOutcome } from './webhooks/recordPostmarkWebhook.js'
export { type RunningWorker, startWorker, type StartWorkerOptions } from './worker/startWorker.js'

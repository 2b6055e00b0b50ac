import type { Config, Plugin } from 'payload'

import type { EmailMarketingPluginOptions } from './types.js'

import { automationEndpoints } from './automations/automationPlugin.js'
import { automationEventIndexesHook } from './automations/events/automationEventIndexes.js'
import { campaignEndpoints } from './campaigns/endpoints/campaignEndpoints.js'
import { renderCampaignRows } from './campaigns/renderCampaignRows.js'
import { createCollections } from './collections.js'
import { exportEndpoints } from './dataExport/exportEndpoints.js'
import { oneToOneEndpoint } from './direct/endpoints/oneToOneEndpoint.js'
import { dealBoardEndpoints, withDealBoard } from './deals/withDealBoard.js'
import { importEndpoints } from './imports/importEndpoints.js'
import { seedDefaultLayout } from './layouts/seedDefaultLayout.js'
import { withPluginOptions } from './pluginContext.js'
import { privacyEndpoints } from './privacy/privacyEndpoints.js'
import { sanitizeOptions } from './sanitizeOptions.js'
import { countSegmentEndpoint } from './segments/endpoints/countSegmentEndpoint.js'
import { segmentIndexesHook } from './segments/segmentIndexes.js'
import { startScheduler } from './scheduler/startScheduler.js'
import { watchDatabaseErrors } from './scheduler/watchDatabaseErrors.js'
import { registerClaimRenderer } from './sending/claimRenderers.js'
import { messageIndexesHook } from './sending/messageIndexes.js'
import { outboxEmailAdapter } from './sending/outboxEmailAdapter.js'
import { timelineEndpoint } from './timeline/endpoints.js'
import { transactionalEndpoints } from './transactional/endpoints/transactionalEndpoints.js'
import { publicEndpoints } from './subscriptions/publicEndpoints.js'
import { ensureRateLimitTable } from './subscriptions/rateLimit.js'
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
      [segmentIndexesHook, messageIndexesHook, automationEventIndexesHook],
    )
    if (!options.enabled) {
      return config
    }
    return {
      ...withDealBoard(config),
      email: config.email ?? (options.useAsPayloadEmail ? outboxEmailAdapter() : undefined),
      endpoints: [
        ...(config.endpoints ?? []),
        ...dealBoardEndpoints,
        ...campaignEndpoints,
        countSegmentEndpoint,
        ...publicEndpoints(options),
        ...transactionalEndpoints,
        oneToOneEndpoint,
        timelineEndpoint,
        ...importEndpoints,
        ...exportEndpoints,
        ...privacyEndpoints,
        ...automationEndpoints,
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
        await ensureRateLimitTable(payload)
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

export type { BoardCard, StageTotal } from './deals/boardQueries.js'
export { contactDealHistory, type ContactDealChange } from './deals/contactDealHistory.js'
export { dealStatuses, type DealStatus } from './deals/dealStatuses.js'
export { loadBoard } from './deals/loadBoard.js'
export { moveDeal, type MoveDealInput } from './deals/moveDeal.js'
export { csvCell, neutralizeFormula } from './dataExport/neutralizeFormula.js'
export { type ColumnMapping, suggestMapping } from './imports/columnMapping.js'
export { claimImport, importTick } from './imports/importTick.js'
export { processImport } from './imports/processImport.js'
export { importHeader, ImportStartError, startImport } from './imports/startImport.js'
export {
  cancelCampaign,
  duplicateCampaign,
  pauseCampaign,
  resumeCampaign,
  scheduleCampaign,
  sendCampaign,
  unscheduleCampaign,
} from './campaigns/campaignActions.js'
export {
  CampaignChecklistError,
  checkCampaign,
  type CampaignChecklist,
  type ChecklistFinding,
} from './campaigns/campaignChecklist.js'
export {
  campaignReport,
  campaignStats,
  type CampaignReport,
  type CampaignStats,
} from './campaigns/campaignStats.js'
export {
  campaignStatuses,
  CampaignTransitionError,
  canTransition,
  type CampaignStatus,
} from './campaigns/campaignStatus.js'
export { campaignTick } from './campaigns/campaignTick.js'
export { previewCampaign, sendCampaignTest } from './campaigns/previewAndTest.js'
export { findLayout, layoutForRendering, type LayoutKind } from './layouts/layoutForRendering.js'
export {
  defaultLayoutData,
  defaultTransactionalLayoutData,
  isPlaceholderAddress,
  seedDefaultLayout,
} from './layouts/seedDefaultLayout.js'
export { pluginOptionsOf } from './pluginContext.js'
export { guard, isPermitted } from './access/guard.js'
export { auditActions, type AuditAction } from './access/auditActions.js'
export { rememberPeerAddress, resolveClientAddress } from './access/clientAddress.js'
export { addressHash } from './privacy/addressHash.js'
export { eraseContact, type ErasureResult } from './privacy/eraseContact.js'
export { type ContactDataExport, exportContactData } from './privacy/exportContactData.js'
export { confirmSubscription } from './subscriptions/confirmSubscription.js'
export { subscribe, type SubscribeInput, type SubscribeResult } from './subscriptions/subscribe.js'
export { unsubscribeContact } from './subscriptions/unsubscribeContact.js'
export {
  listUnsubscribeHeaders,
  preferencesUrlFor,
  unsubscribeUrlFor,
  unsubscribeUrlPlaceholder,
} from './subscriptions/unsubscribeLinks.js'
export { recordPostmarkWebhook, type WebhookOutcome } from './webhooks/recordPostmarkWebhook.js'
export {
  syncPostmarkSuppressions,
  type SuppressionSyncResult,
} from './suppressions/syncPostmarkSuppressions.js'
export { messageEventTypes, type MessageEventType } from './webhooks/messageEventTypes.js'
export { schedulerHealth, startScheduler, stopScheduler } from './scheduler/startScheduler.js'
export type { TickHealth } from './scheduler/guardTick.js'
export { watchDatabaseErrors } from './scheduler/watchDatabaseErrors.js'
export { type RunningWorker, startWorker, type StartWorkerOptions } from './worker/startWorker.js'
export {
  compileConditions,
  validateConditions,
  type CompileConditionsOptions,
} from './segments/compileConditions.js'
export {
  conditionGroupFields,
  type ConditionGroupFieldsOptions,
} from './segments/conditionGroupFields.js'
export {
  type ConditionContext,
  type ConditionOperator,
  type ConditionType,
  conditionTypes,
  operatorsByType,
  type SegmentCondition,
  type SegmentConditionGroup,
  SegmentConditionError,
  type SegmentConditions,
} from './segments/conditionTypes.js'
export {
  contactMatchesConditions,
  countSegment,
  loadSegmentConditions,
  segmentContactsQuery,
  type SegmentRef,
} from './segments/segmentQueries.js'
export { drainOutbox } from './sending/drainOutbox.js'
export { enqueueMessage, enqueueMessages } from './sending/enqueueMessages.js'
export type { EnqueuedMessage } from './sending/enqueueMessages.js'
export { BatchCallError, type Mailer, type SendOutcome } from './sending/mailer.js'
export { messageKinds, messageStatuses } from './sending/messageStatuses.js'
export type { MessageKind, MessageStatus } from './sending/messageStatuses.js'
export { outboxEmailAdapter } from './sending/outboxEmailAdapter.js'
export { outboxTick } from './sending/outboxTick.js'
export type { ClaimedMessage, OutboxMessageInput } from './sending/outboxTypes.js'
export { reconcileLeases } from './sending/reconcileLeases.js'
export type {
  CollectionOverride,
  DoubleOptInOptions,
  EmailMarketingCollection,
  EmailMarketingPluginOptions,
  EndpointAccess,
  OneToOneAccess,
  Permission,
  PostmarkOptions,
  SanitizedEmailMarketingOptions,
  SchedulerOptions,
  SendingOptions,
  SubscribeRateLimitOptions,
  SuppressionSyncOptions,
  UnsubscribeOptions,
  WebhookOptions,
} from './types.js'
export { InvalidOneToOneError, OneToOneForbiddenError } from './direct/errors.js'
export { sendOneToOne, type SendOneToOneArgs } from './direct/sendOneToOne.js'
export { contactTimeline } from './timeline/contactTimeline.js'
export type { MessageTimelineEvent, TimelineItem, TimelinePage } from './timeline/timelineTypes.js'
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
export type { TransactionalTemplate } from './transactional/templateTypes.js'
export { arrayParam, drizzleFor, rowsOf, tableOf } from './utilities/db.js'
export { isEmailAddress, normalizeEmail } from './utilities/isEmailAddress.js'
export { automationTick, type AutomationTickResult } from './automations/engine/automationTick.js'
export { enroll, type EnrollResult } from './automations/engine/enroll.js'
export { stepCounts, type StepCounts } from './automations/engine/stepCounts.js'
export { selfTriggerWarnings } from './automations/loopWarnings.js'
export { signWebhookBody, webhookSignatureHeader } from './automations/steps/webhook.js'
export { trackEvent, TrackEventError, type TrackEventResult } from './automations/trackEvent.js'
export { triggerOnChange, type TriggerOnChangeOptions } from './automations/triggerOnChange.js'
export type { AutomationOptions } from './types.js'

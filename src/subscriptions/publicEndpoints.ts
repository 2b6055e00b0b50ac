import type { Endpoint } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { postmarkWebhookEndpoint } from '../webhooks/postmarkWebhookEndpoint.js'
import { confirmEndpoints } from './endpoints/confirmEndpoint.js'
import { preferencesEndpoints } from './endpoints/preferencesEndpoints.js'
import { subscribeEndpoints } from './endpoints/subscribeEndpoints.js'
import { unsubscribeEndpoints } from './endpoints/unsubscribeEndpoints.js'

/** Subscribe, confirm, unsubscribe, preferences, and the Postmark webhook when it has credentials. */
export const publicEndpoints = (options: SanitizedEmailMarketingOptions): Endpoint[] => [
  ...subscribeEndpoints,
  ...confirmEndpoints,
  ...unsubscribeEndpoints,
  ...preferencesEndpoints,
  ...(options.webhooks ? [postmarkWebhookEndpoint] : []),
]

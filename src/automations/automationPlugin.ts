import type { Endpoint } from 'payload'

import { stepCountsEndpoint } from './endpoints/stepCountsEndpoint.js'
import { stepEmailPreviewEndpoint, stepEmailTestEndpoint } from './endpoints/stepEmailEndpoints.js'
import { trackEventEndpoint } from './endpoints/trackEventEndpoint.js'

export const automationEndpoints: Endpoint[] = [
  trackEventEndpoint,
  stepCountsEndpoint,
  stepEmailPreviewEndpoint,
  stepEmailTestEndpoint,
]

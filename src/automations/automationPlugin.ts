import type { Endpoint } from 'payload'

import { onContactEvent } from '../events/contactEvents.js'
import { stepCountsEndpoint } from './endpoints/stepCountsEndpoint.js'
import { trackEventEndpoint } from './endpoints/trackEventEndpoint.js'
import { automationTriggerHandler } from './triggers/handleContactEvent.js'

export const automationEndpoints: Endpoint[] = [trackEventEndpoint, stepCountsEndpoint]

/** Subscribes the automation triggers to the contact event bus (once per process). */
export const registerAutomationTriggers = (): void => onContactEvent(automationTriggerHandler)

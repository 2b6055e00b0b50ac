import type { Payload } from 'payload'

import type { ClaimedMessage } from './outboxTypes.js'

import { perPayload } from '../utilities/perPayload.js'

export type RenderedRows = { failed: { error: string; id: number }[]; ready: ClaimedMessage[] }

/**
 * Renders, right before sending, the claimed rows it owns (campaign rows are stored without HTML)
 * and hands the others back untouched in `ready`.
 */
export type ClaimRenderer = (payload: Payload, claimed: ClaimedMessage[]) => Promise<RenderedRows>

const renderersOf = perPayload('claimRenderers', (): ClaimRenderer[] => [])

/** Adds a claim-time renderer to this Payload instance's outbox (the plugin does this at init). */
export const registerClaimRenderer = (payload: Payload, renderer: ClaimRenderer): void => {
  const renderers = renderersOf(payload)
  if (!renderers.includes(renderer)) renderers.push(renderer)
}

const awaitsRendering = (message: ClaimedMessage): boolean =>
  message.kind === 'campaign' && message.html === null && Boolean(message.campaignId)

/**
 * Runs every registered renderer in turn. A campaign row still without HTML afterwards fails
 * instead of going out empty.
 */
export const renderClaimed = async (
  payload: Payload,
  claimed: ClaimedMessage[],
): Promise<RenderedRows> => {
  const result: RenderedRows = { failed: [], ready: claimed }
  for (const renderer of renderersOf(payload)) {
    const rendered = await renderer(payload, result.ready)
    result.failed.push(...rendered.failed)
    result.ready = rendered.ready
  }
  const unrendered = result.ready.filter(awaitsRendering)
  if (unrendered.length === 0) return result
  return {
    failed: [
      ...result.failed,
      ...unrendered.map((message) => ({
        error: 'No claim-time renderer rendered this campaign row.',
        id: message.id,
      })),
    ],
    ready: result.ready.filter((message) => !unrendered.includes(message)),
  }
}

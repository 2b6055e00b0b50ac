import type { Payload } from 'payload'

import { perPayload } from '../utilities/perPayload.js'

type Listener = () => void

const listenersOf = perPayload('outboxListeners', () => new Set<Listener>())

/**
 * Says that this Payload instance's outbox has rows ready to send (transactional mail just queued,
 * a campaign just fanned out). The scheduler listens and drains at once instead of at the next
 * tick; in a process without a scheduler nobody listens and the next tick anywhere sends them.
 */
export const signalOutboxWork = (payload: Payload): void => {
  for (const listener of listenersOf(payload)) listener()
}

/** Calls `listener` on every signal of this Payload instance until the returned function is called. */
export const onOutboxWork = (payload: Payload, listener: Listener): (() => void) => {
  const listeners = listenersOf(payload)
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

import type { Payload } from 'payload'

/**
 * State kept per Payload instance, so two instances in one process (tests boot several) never see
 * each other's. The map lives on globalThis: Next.js dev re-evaluates modules on hot reload without
 * re-running the plugin's onInit, so a module-level map would lose what init registered.
 */
export const perPayload = <State>(
  name: string,
  create: () => State,
): ((payload: Payload) => State) => {
  const key = Symbol.for(`payload-plugin-email-marketing:${name}`)
  const holder = globalThis as Record<symbol, WeakMap<Payload, State> | undefined>
  return (payload) => {
    const states = (holder[key] ??= new WeakMap())
    const existing = states.get(payload)
    if (existing) return existing
    const created = create()
    states.set(payload, created)
    return created
  }
}

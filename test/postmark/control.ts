/**
 * Out-of-band control routes under /__fake/ (no auth, no latency, no faults, not logged), for driving a
 * standalone fake (cli.ts) from another process:
 *   GET  /__fake/stats                    → { accepted, requests, duplicates, faults, latencyMs, inactiveRecipients }
 *   GET  /__fake/accepted                 → { messages: AcceptedMessage[] } (the last 2,000, oldest first)
 *   POST /__fake/reset                    → clears accepted/requests/faults
 *   POST /__fake/fault     Fault JSON      → queues a fault (see FakePostmark.inject)
 *   POST /__fake/latency   { "ms": 100 }   → setLatency
 *   POST /__fake/inactive  { "addresses": ["a@b.c"], "replace"?: true } → marks addresses inactive
 */
import type { Fault, FakePostmark } from './types.js'
import { isPlainObject } from './validation.js'

export interface ControlAnswer {
  status: number
  body: unknown
}

export function handleControl(
  fake: FakePostmark,
  pendingFaults: () => number,
  latency: () => number,
  method: string,
  route: string,
  body: unknown,
): ControlAnswer {
  const ok = (extra: Record<string, unknown> = {}): ControlAnswer => ({
    status: 200,
    body: { ok: true, ...extra },
  })
  const bad = (message: string): ControlAnswer => ({ status: 400, body: { ok: false, message } })
  const key = `${method} ${route}`
  switch (key) {
    case 'GET /__fake/stats':
      return {
        status: 200,
        body: {
          accepted: fake.accepted.length,
          requests: fake.requests.length,
          duplicates: fake.duplicates().length,
          faults: pendingFaults(),
          latencyMs: latency(),
          inactiveRecipients: [...fake.inactiveRecipients],
        },
      }
    case 'GET /__fake/accepted':
      return { status: 200, body: { messages: fake.accepted.slice(-2000) } }
    case 'POST /__fake/reset':
      fake.reset()
      return ok()
    case 'POST /__fake/fault': {
      if (!isPlainObject(body)) return bad('expected a Fault object')
      const fault = body as unknown as Fault
      if (fault.kind === 'status' && ![429, 500, 503].includes(fault.status))
        return bad('status must be 429, 500 or 503')
      if (fault.kind !== 'status' && fault.kind !== 'drop')
        return bad("kind must be 'status' or 'drop'")
      fake.inject(fault)
      return ok({ faults: pendingFaults() })
    }
    case 'POST /__fake/latency': {
      const ms = isPlainObject(body) ? body.ms : undefined
      if (typeof ms !== 'number' || ms < 0) return bad('expected { "ms": number >= 0 }')
      fake.setLatency(ms)
      return ok({ latencyMs: ms })
    }
    case 'POST /__fake/inactive': {
      const addresses = isPlainObject(body) ? body.addresses : undefined
      if (!Array.isArray(addresses) || !addresses.every((a) => typeof a === 'string'))
        return bad('expected { "addresses": string[] }')
      if (isPlainObject(body) && body.replace === true) fake.inactiveRecipients.clear()
      for (const address of addresses as string[])
        fake.inactiveRecipients.add(address.trim().toLowerCase())
      return ok({ inactiveRecipients: fake.inactiveRecipients.size })
    }
    default:
      return { status: 404, body: { ok: false, message: `Unknown control route ${key}` } }
  }
}

/**
 * Postmark's suppressions API on a message stream, as the official client calls it:
 *   GET  /message-streams/:stream/suppressions/dump    → { Suppressions: [{ EmailAddress, SuppressionReason, Origin, CreatedAt }] }
 *   POST /message-streams/:stream/suppressions         { Suppressions: [{ EmailAddress }] } → { Suppressions: [{ EmailAddress, Status: 'Suppressed', Message }] }
 *   POST /message-streams/:stream/suppressions/delete  { Suppressions: [{ EmailAddress }] } → { Suppressions: [{ EmailAddress, Status: 'Deleted', Message }] }
 * Tests seed entries through `fake.suppressions`.
 */
export type FakeSuppression = {
  CreatedAt: string
  Origin: 'Admin' | 'Customer' | 'Recipient'
  SuppressionReason: 'HardBounce' | 'ManualSuppression' | 'SpamComplaint'
}

export type SuppressionStore = Map<string, Map<string, FakeSuppression>>

const routePattern = /^\/message-streams\/([^/]+)\/suppressions(\/dump|\/delete)?$/

const addressesOf = (body: unknown): string[] | null => {
  const entries = (body as { Suppressions?: unknown } | null)?.Suppressions
  if (!Array.isArray(entries)) return null
  return entries.map((entry) =>
    String((entry as { EmailAddress?: unknown })?.EmailAddress ?? '').toLowerCase(),
  )
}

/** The answer for a suppressions route, or null when `route` is not one. */
export const handleSuppressions = (
  store: SuppressionStore,
  method: string,
  route: string,
  body: unknown,
): { body: unknown; status: number } | null => {
  const match = routePattern.exec(route)
  if (!match) return null
  const stream = decodeURIComponent(match[1]!)
  const entries = store.get(stream) ?? new Map<string, FakeSuppression>()
  store.set(stream, entries)
  if (method === 'GET' && match[2] === '/dump') {
    return {
      body: {
        Suppressions: [...entries].map(([EmailAddress, entry]) => ({ EmailAddress, ...entry })),
      },
      status: 200,
    }
  }
  if (method !== 'POST' || match[2] === '/dump') return null
  const addresses = addressesOf(body)
  if (!addresses)
    return {
      body: { ErrorCode: 402, Message: 'Expected { "Suppressions": [{ "EmailAddress": ... }] }.' },
      status: 422,
    }
  if (match[2] === '/delete') {
    for (const address of addresses) entries.delete(address)
    return {
      body: {
        Suppressions: addresses.map((EmailAddress) => ({
          EmailAddress,
          Message: null,
          Status: 'Deleted',
        })),
      },
      status: 200,
    }
  }
  for (const address of addresses) {
    entries.set(address, {
      CreatedAt: new Date().toISOString(),
      Origin: 'Customer',
      SuppressionReason: 'ManualSuppression',
    })
  }
  return {
    body: {
      Suppressions: addresses.map((EmailAddress) => ({
        EmailAddress,
        Message: null,
        Status: 'Suppressed',
      })),
    },
    status: 200,
  }
}

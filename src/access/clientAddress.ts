import type { PayloadRequest } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'

/*
 * A Payload request is the Web Request its server built, and a Web Request has no socket. A Node
 * server that builds the Request itself registers the socket address here; the registry lives on
 * globalThis so two copies of the plugin module (a bundler's and Node's) share it.
 */
/** What `resolveClientAddress` returns when the server did not tell the plugin who the peer is. */
export const unknownClientAddress = 'unknown'

const registryKey = Symbol.for('payload-plugin-email-marketing.peerAddresses')
const registry = ((globalThis as Record<symbol, unknown>)[registryKey] ??= new WeakMap<
  object,
  string
>()) as WeakMap<object, string>

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is `10.0.0.1`. */
const normalize = (address: string): string =>
  address
    .trim()
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1')
    .slice(0, 100)

/**
 * For a custom Node server in front of Payload's route handlers: remembers the TCP peer of the
 * request (`socket.remoteAddress`), the only address a client cannot choose. Returns the request.
 */
export const rememberPeerAddress = <T extends Request>(
  request: T,
  socketAddress: string | undefined,
): T => {
  if (socketAddress) registry.set(request, normalize(socketAddress))
  return request
}

/** The direct peer's address, when the server registered it. */
export const peerAddressOf = (req: object): string | undefined => registry.get(req)

/**
 * The client's address. Forwarded headers count only when the direct peer is one of `trustedProxies`
 * (`'*'` trusts any peer): then the right-most `X-Forwarded-For` hop that is not a trusted proxy is
 * the client, else `X-Real-IP`. Otherwise the peer is the client, `unknown` when the server did not
 * register it (Next.js's own server does not expose the socket to route handlers).
 */
export const resolveClientAddress = (
  req: Pick<Request, 'headers'>,
  trustedProxies: readonly string[],
): string => {
  const peer = peerAddressOf(req)
  const trusts = (address: string | undefined) =>
    trustedProxies.includes('*') || (address !== undefined && trustedProxies.includes(address))
  if (!trusts(peer)) return peer ?? unknownClientAddress
  const hops = (req.headers.get('x-forwarded-for') ?? '').split(',').map(normalize).filter(Boolean)
  for (let index = hops.length - 1; index >= 0; index--) {
    if (!trusts(hops[index])) return hops[index]
  }
  if (hops.length > 0) return hops[0]
  const realIp = req.headers.get('x-real-ip')
  return realIp ? normalize(realIp) : (peer ?? unknownClientAddress)
}

/** The client address under the plugin's `trustedProxies` option. */
export const clientAddress = (req: PayloadRequest): string =>
  resolveClientAddress(req, pluginOptionsOf(req.payload).trustedProxies)

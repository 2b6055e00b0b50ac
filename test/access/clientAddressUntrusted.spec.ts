import { rateLimitKey } from '../../src/subscriptions/rateLimit'
import { spoofed, subscribeThroughSocket } from './subscribeThroughSocket'

describe('client address without trusted proxies', () => {
  it('a spoofed X-Forwarded-For from an untrusted peer is ignored: the socket address is counted and recorded', async () => {
    const { consentIp, keys } = await subscribeThroughSocket('client_address_untrusted', undefined)
    expect(keys).toContain(rateLimitKey('subscribe-ip', '127.0.0.1'))
    expect(keys).not.toContain(rateLimitKey('subscribe-ip', spoofed))
    expect(consentIp).toBe('127.0.0.1')
  })
})

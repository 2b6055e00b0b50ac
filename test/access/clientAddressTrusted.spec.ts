import { rateLimitKey } from '../../src/subscriptions/rateLimit'
import { spoofed, subscribeThroughSocket } from './subscribeThroughSocket'

describe("client address with trustedProxies: ['127.0.0.1']", () => {
  it('the forwarded address from the trusted peer is counted and recorded', async () => {
    const { consentIp, keys } = await subscribeThroughSocket('client_address_trusted', [
      '127.0.0.1',
    ])
    expect(keys).toContain(rateLimitKey('subscribe-ip', spoofed))
    expect(keys).not.toContain(rateLimitKey('subscribe-ip', '127.0.0.1'))
    expect(consentIp).toBe(spoofed)
  })
})

import { rememberPeerAddress, resolveClientAddress } from './clientAddress'

const request = (peer: string | undefined, headers: Record<string, string> = {}) =>
  rememberPeerAddress(new Request('http://localhost/', { headers }), peer)

describe('resolveClientAddress', () => {
  it('is the peer when it is not a trusted proxy, whatever the headers say', () => {
    expect(
      resolveClientAddress(
        request('203.0.113.5', { 'x-forwarded-for': '1.2.3.4', 'x-real-ip': '5.6.7.8' }),
        [],
      ),
    ).toBe('203.0.113.5')
    expect(
      resolveClientAddress(request('203.0.113.5', { 'x-forwarded-for': '1.2.3.4' }), ['10.0.0.1']),
    ).toBe('203.0.113.5')
  })

  it('is unknown without a registered peer unless every peer is trusted', () => {
    expect(resolveClientAddress(request(undefined, { 'x-forwarded-for': '1.2.3.4' }), [])).toBe(
      'unknown',
    )
    expect(resolveClientAddress(request(undefined, { 'x-forwarded-for': '1.2.3.4' }), ['*'])).toBe(
      '1.2.3.4',
    )
  })

  it('behind trusted proxies is the right-most untrusted hop, so a client cannot prepend its own', () => {
    const chain = { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.2' }
    expect(resolveClientAddress(request('10.0.0.1', chain), ['10.0.0.1', '10.0.0.2'])).toBe(
      '198.51.100.7',
    )
  })

  it('falls back to X-Real-IP from a trusted proxy, and maps IPv4-mapped IPv6 peers', () => {
    expect(
      resolveClientAddress(request('::ffff:10.0.0.1', { 'x-real-ip': '198.51.100.8' }), [
        '10.0.0.1',
      ]),
    ).toBe('198.51.100.8')
    expect(resolveClientAddress(request('::ffff:192.0.2.1'), [])).toBe('192.0.2.1')
  })
})

import {
  bounceBody,
  clickBody,
  deliveryBody,
  openBody,
  spamComplaintBody,
  subscriptionChangeBody,
} from './webhookPayloads'

/** Deterministic PRNG (mulberry32) so a failing run can be replayed from its seed. */
export const randomSource = (seed: number) => {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (max: number) => Math.floor(next() * max)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!
  const chars =
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.=%&?/+:;@ "\'<>{}[]\\\u0000\u00e9\u{1F600}'
  const text = (max = 40) =>
    Array.from({ length: int(max) }, () => chars[int(chars.length)]).join('')
  return { int, next, pick, text }
}

export type Random = ReturnType<typeof randomSource>

/** What the fuzzer may use: real tokens only ever sent tampered, real credentials only with broken bodies. */
export type FuzzMaterial = {
  basicAuth: string
  email: string
  postmarkId: string
  validTokens: string[]
}

const tamper = (random: Random, token: string): string => {
  const position = random.int(token.length)
  const replacement = random.pick(['A', 'B', '-', '_', '.', '', 'zz'])
  const changed = token.slice(0, position) + replacement + token.slice(position + 1)
  return changed === token ? `${token}A` : changed
}

const tokenValue = (random: Random, material: FuzzMaterial): string =>
  random.pick([
    () => tamper(random, random.pick(material.validTokens)),
    () => random.text(80),
    () =>
      `${Buffer.from(JSON.stringify({ contactId: random.int(5) + 1, kind: random.pick(['unsubscribe', 'confirm']), messageId: 1 })).toString('base64url')}.${random.text(43)}`,
    () => random.pick(material.validTokens).split('.')[0]!,
    () => 'x'.repeat(random.int(6000)),
    () => '',
  ])()

const invalidEmail = (random: Random) =>
  random.pick([
    '',
    'no-at-sign',
    'a@b',
    '@example.com',
    'a b@example.com',
    random.text(30),
    'x'.repeat(300) + '@example.com',
  ])

/** Subscribe input that can never be valid: a real public list only with a broken address. */
const subscribeFields = (random: Random): Record<string, unknown> =>
  random.next() < 0.5
    ? { email: invalidEmail(random), list: random.pick(['news', ['news'], 'news']) }
    : {
        email: `${random.pick(['someone', 'x', 'known'])}@example.com`,
        list: random.pick(['staff', random.text(20), ['staff', 'nope'], '', 42, null]),
      }

const breakRequiredField = (
  random: Random,
  body: Record<string, unknown>,
): Record<string, unknown> => {
  const required: Record<string, string[]> = {
    Bounce: ['ID', 'Type', 'Email', 'BouncedAt'],
    Click: ['MessageID', 'ReceivedAt', 'OriginalLink'],
    Delivery: ['MessageID', 'Recipient', 'DeliveredAt'],
    Open: ['MessageID', 'ReceivedAt'],
    SpamComplaint: ['ID', 'Email', 'BouncedAt'],
    SubscriptionChange: ['Recipient', 'ChangedAt', 'SuppressSending'],
  }
  const fields = required[body.RecordType as string]
  if (!fields) return { ...body, RecordType: random.pick([null, 7, [], {}]) }
  const key = random.pick(fields)
  if (typeof body[key] === 'string' && random.next() < 0.2)
    return { ...body, [key]: `${body[key]}\u0000` }
  return {
    ...body,
    [key]: random.pick(
      [null, undefined, 12.5, {}, [], 'not a date or id', true].filter(
        (value) => typeof value !== typeof body[key],
      ),
    ),
  }
}

const webhookBody = (random: Random, material: FuzzMaterial): Record<string, unknown> => {
  const { email, postmarkId } = material
  const at = random.pick(['2026-11-01T10:00:00Z', random.text(20)])
  return random.pick([
    () => deliveryBody(postmarkId, email, at),
    () =>
      bounceBody(
        random.int(1e6),
        postmarkId,
        email,
        random.pick(['HardBounce', 'SoftBounce', 'Transient']),
      ),
    () => spamComplaintBody(random.int(1e6), postmarkId, email),
    () => openBody(postmarkId, email, at, { messageId: String(random.int(10)) }),
    () => clickBody(postmarkId, email, random.text(50), at),
    () => subscriptionChangeBody(postmarkId, email, random.next() < 0.5, at),
    () => ({ RecordType: random.text(12), MessageID: postmarkId }),
  ])()
}

const realPaths = ['subscribe', 'confirm', 'unsubscribe', 'preferences', 'webhooks/postmark']
const paths = [
  ...realPaths,
  ...realPaths,
  ...realPaths,
  'unsubscribe/',
  'webhooks',
  'preferences/extra',
  '',
]

/** One random request to a public endpoint that carries no valid token or credentials. */
export const fuzzRequest = (
  random: Random,
  material: FuzzMaterial,
  base: string,
): { description: string; request: Request } => {
  const method = random.pick([
    'GET',
    'GET',
    'GET',
    'POST',
    'POST',
    'POST',
    'POST',
    'POST',
    'PATCH',
    'DELETE',
    'OPTIONS',
  ])
  const path = random.pick(paths)
  const query = new URLSearchParams()
  if (random.next() < 0.7) query.set('token', tokenValue(random, material))
  if (random.next() < 0.3) query.set('list', random.pick(['news', 'staff', random.text(10)]))
  if (random.next() < 0.1) query.set(random.text(8), random.text(8))
  const headers = new Headers()
  const contentType = random.pick([
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=xyz',
    'text/plain',
    'application/json; charset=utf-8',
    random.text(20).replace(/[^\x20-\x7e]/g, ''),
    null,
  ])
  if (contentType) headers.set('content-type', contentType)
  const webhook = path.startsWith('webhooks')
  const authorization = random.pick([
    null,
    `Basic ${Buffer.from(`${random.text(10)}:${random.text(10)}`).toString('base64')}`,
    `Basic ${Buffer.from(`postmark-test:${random.text(10)}`).toString('base64')}`,
    `Bearer ${random.text(20)}`.replace(/[^\x20-\x7e]/g, ''),
    'Basic',
    ...(webhook ? [material.basicAuth] : []),
  ])
  if (authorization) headers.set('authorization', authorization)
  if (random.next() < 0.3)
    headers.set('x-forwarded-for', random.text(30).replace(/[^\x20-\x7e]/g, ''))
  if (random.next() < 0.1)
    headers.set(
      'cookie',
      `payload-token=${random
        .text(30)
        .replace(/[^\x21-\x7e]/g, '')
        .replace(/;/g, '')}`,
    )
  if (random.next() < 0.2) headers.set('user-agent', random.text(600).replace(/[^\x20-\x7e]/g, ''))
  const validCredentials = authorization === material.basicAuth

  let body: BodyInit | undefined
  if (method !== 'GET' && random.next() < 0.9) {
    const token = tokenValue(random, material)
    body = random.pick([
      () => JSON.stringify(subscribeFields(random)),
      () =>
        new URLSearchParams({
          consent: random.pick(['yes', 'no']),
          ...(subscribeFields(random) as Record<string, string>),
        }).toString(),
      () => new URLSearchParams({ 'List-Unsubscribe': 'One-Click', token }).toString(),
      () =>
        new URLSearchParams({
          action: random.pick(['all', 'save', random.text(5)]),
          keep: String(random.int(5)),
          token,
        }).toString(),
      () =>
        JSON.stringify(
          validCredentials
            ? breakRequiredField(random, webhookBody(random, material))
            : webhookBody(random, material),
        ),
      () => random.text(200),
      () => '{'.repeat(random.int(5000)),
      () => JSON.stringify(Array.from({ length: random.int(5) }, () => random.text(5))),
      () => 'null',
      () => 'x'.repeat(70 * 1024),
      () => new Uint8Array(Array.from({ length: random.int(300) }, () => random.int(256))),
      () =>
        `--xyz\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--xyz--\r\n`,
    ])()
    // A valid webhook body with real credentials would rightly change state; only broken bodies go with them.
    if (validCredentials && typeof body === 'string' && !body.includes('RecordType'))
      body = JSON.stringify(breakRequiredField(random, webhookBody(random, material)))
  }
  const url = `${base}/${path}${query.size ? `?${query}` : ''}`
  const description = `${method} ${url.slice(0, 200)} [${contentType}] auth=${authorization === material.basicAuth ? 'valid' : 'invalid'} body=${String(typeof body === 'string' ? body : body ? 'binary' : '').slice(0, 200)}`
  return { description, request: new Request(url, { body, headers, method }) }
}

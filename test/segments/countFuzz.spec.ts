import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { type Random, randomSource } from '../public/fuzzRequests'
import { seedSegmentFixture, type SegmentFixture } from './segmentFixture'

const bodyCount = Number(process.env.SEGMENT_FUZZ_BODIES ?? 1_000)
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let fx: SegmentFixture
let token: string

beforeAll(async () => {
  app = await bootTestPayload({ cacheKey: 'default', name: 'segment-count-fuzz' })
  api = createApiClient(app.config)
  fx = await seedSegmentFixture(app.payload)
  await app.payload.create({
    collection: 'users',
    data: { email: 'fuzz@example.com', password: 'fuzz-password' },
  })
  token = (
    await api.rest('POST', '/users/login', {
      body: { email: 'fuzz@example.com', password: 'fuzz-password' },
    })
  ).body.token
})

afterAll(async () => {
  await app?.shutdown()
})

const types = ['contactField', 'attribute', 'tag', 'listStatus', 'createdAt', 'engagement']
const operators = [
  ...['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'isEmpty', 'isNotEmpty'],
  ...['greaterThan', 'lessThan', 'before', 'after', 'withinLastDays', 'hasTag', 'notHasTag'],
  ...['subscribed', 'unsubscribed', 'pending', 'notSubscribed', 'openedCampaign'],
  ...['clickedCampaign', 'notOpenedCampaign', 'notClickedCampaign', 'openedAnyWithinDays'],
  ...['clickedAnyWithinDays', 'openedMessage', 'clickedMessage'],
]

/** Any JSON value, nested a little, biased towards the awkward ones. */
const junk = (random: Random, depth = 0): unknown =>
  random.pick([
    () => null,
    () => random.text(),
    () => '',
    () => random.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 8.64e15, 36_501]),
    () => random.int(1000),
    () => random.pick([true, false]),
    () => random.pick(['2025-13-45', '+275760-09-13', '0000-00-00', 'yesterday', '1e400', 'NaN']),
    () => random.pick(["'; DROP TABLE contacts; --", 'a.b.c', '..', 'x\u0000y', '\u{1F600}']),
    () => (depth > 2 ? [] : Array.from({ length: random.int(3) }, () => junk(random, depth + 1))),
    () =>
      depth > 2
        ? {}
        : Object.fromEntries(
            Array.from({ length: random.int(3) }, () => [random.text(8), junk(random, depth + 1)]),
          ),
  ])()

/** A rule that is right in shape, with some of its fields replaced by junk. */
const rule = (random: Random): unknown => {
  const plausible: Record<string, unknown> = {
    attribute: random.pick(['plan', 'address.city', 'score']),
    campaignId: random.int(5),
    date: random.pick(['2025-01-01', '2030-06-30T12:00:00Z']),
    days: random.int(400),
    field: random.pick(['email', 'firstName', 'status', 'company', 'password', 'id']),
    list: random.pick([fx.lists.a, fx.lists.b, 0, '1', { id: fx.lists.a }]),
    messageId: random.int(5),
    operator: random.pick(operators),
    tag: random.pick([fx.tags.vip, fx.tags.beta, -3, { id: 'x' }]),
    type: random.pick(types),
    value: random.pick(['pro', '10', '3.5', '', 'x']),
  }
  for (const key of Object.keys(plausible)) {
    if (random.next() < 0.25) plausible[key] = junk(random)
    else if (random.next() < 0.15) delete plausible[key]
  }
  return random.next() < 0.05 ? junk(random) : plausible
}

const group = (random: Random): unknown =>
  random.next() < 0.1
    ? junk(random)
    : {
        conditions:
          random.next() < 0.1
            ? junk(random)
            : Array.from({ length: random.int(4) }, () => rule(random)),
        match: random.next() < 0.8 ? random.pick(['all', 'any']) : junk(random),
      }

const body = (random: Random): unknown =>
  random.next() < 0.1
    ? junk(random)
    : {
        groups:
          random.next() < 0.1
            ? junk(random)
            : Array.from({ length: random.int(4) }, () => group(random)),
        match: random.next() < 0.8 ? random.pick(['all', 'any']) : junk(random),
      }

it(`answers ${bodyCount} malformed rule bodies with 200 or a 4xx that says why, never a 5xx (seed ${seed})`, async () => {
  const random = randomSource(seed)
  const statuses = new Map<number, number>()
  const failures: string[] = []
  for (let i = 0; i < bodyCount; i += 1) {
    const sent = body(random)
    const response = await api.raw(
      new Request('http://localhost:3000/api/email-marketing/segments/count', {
        body: random.next() < 0.03 ? `${JSON.stringify(sent)}}` : JSON.stringify(sent),
        headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
        method: 'POST',
      }),
    )
    const answer = (await response.json()) as { count?: unknown; errors?: { message?: unknown }[] }
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
    const explained =
      response.status === 200
        ? typeof answer.count === 'number'
        : response.status < 500 && typeof answer.errors?.[0]?.message === 'string'
    if (!explained)
      failures.push(`${response.status} ${JSON.stringify(answer)} for ${JSON.stringify(sent)}`)
  }
  expect(failures.slice(0, 5)).toEqual([])
  expect(statuses.get(200)).toBeGreaterThan(20)
  expect(statuses.get(400)).toBeGreaterThan(100)
})

import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { createPipeline } from './dealFixtures'
import { graphqlNames, slugs } from '../helpers/slugs'

let app: TestPayload
let api: ReturnType<typeof createApiClient>
const tokens: Record<'admin' | 'alice' | 'bob', string> = { admin: '', alice: '', bob: '' }
const users: Record<'admin' | 'alice' | 'bob', number> = { admin: 0, alice: 0, bob: 0 }
let pipeline: Awaited<ReturnType<typeof createPipeline>>
let aliceDeal: number
let bobDeal: number

beforeAll(async () => {
  app = await bootTestPayload({
    cacheKey: 'default',
    name: 'deal_access',
    plugin: { dealAccess: 'ownerOnly' },
  })
  api = createApiClient(app.config)
  const { payload } = app
  for (const [name, roles] of [
    ['admin', ['admin']],
    ['alice', ['sales']],
    ['bob', ['sales']],
  ] as const) {
    const email = `${name}@example.com`
    users[name] = (
      await payload.create({
        collection: 'users',
        data: { email, password: `${name}-password`, roles: [...roles] },
      })
    ).id
    tokens[name] = (
      await api.rest('POST', '/users/login', { body: { email, password: `${name}-password` } })
    ).body.token
  }
  pipeline = await createPipeline(payload, 'Sales', [
    ['Lead', 10],
    ['Won', 100],
  ])
  const deal = (title: string, owner: number, value: number) =>
    payload.create({
      collection: slugs.deals,
      data: {
        currency: 'USD',
        owner,
        pipeline: pipeline.id,
        stage: pipeline.stages[0].stageId,
        status: 'open',
        title,
        value,
      },
    })
  aliceDeal = (await deal('Alice deal', users.alice, 100)).id
  bobDeal = (await deal('Bob deal', users.bob, 250)).id
})

afterAll(async () => {
  await app?.shutdown()
})

const titles = (docs: { title: string }[]) => docs.map((doc) => doc.title).sort()

describe("dealAccess: 'ownerOnly' over REST", () => {
  it('lists and reads only the user’s own deals; an admin sees all', async () => {
    expect(
      titles((await api.rest('GET', `/${slugs.deals}`, { token: tokens.alice })).body.docs),
    ).toEqual(['Alice deal'])
    expect(
      titles((await api.rest('GET', `/${slugs.deals}`, { token: tokens.bob })).body.docs),
    ).toEqual(['Bob deal'])
    expect(
      titles((await api.rest('GET', `/${slugs.deals}`, { token: tokens.admin })).body.docs),
    ).toEqual(['Alice deal', 'Bob deal'])
    const other = await api.rest('GET', `/${slugs.deals}/${bobDeal}`, { token: tokens.alice })
    expect(other.status).toBe(404)
    expect(JSON.stringify(other.body)).not.toContain('Bob deal')
  })

  it('cannot update, delete or take over someone else’s deal', async () => {
    const update = await api.rest('PATCH', `/${slugs.deals}/${bobDeal}`, {
      body: { title: 'Stolen' },
      token: tokens.alice,
    })
    expect(update.status).toBeGreaterThanOrEqual(400)
    const remove = await api.rest('DELETE', `/${slugs.deals}/${bobDeal}`, { token: tokens.alice })
    expect(remove.status).toBeGreaterThanOrEqual(400)
    const handOver = await api.rest('PATCH', `/${slugs.deals}/${aliceDeal}`, {
      body: { owner: users.bob },
      token: tokens.alice,
    })
    expect(handOver.status).toBe(403)
    const forOther = await api.rest('POST', `/${slugs.deals}`, {
      body: {
        owner: users.bob,
        pipeline: pipeline.id,
        stage: pipeline.stages[0].stageId,
        title: 'For Bob',
        value: 1,
      },
      token: tokens.alice,
    })
    expect(forOther.status).toBe(403)
    const bob = await app.payload.findByID({ collection: slugs.deals, depth: 0, id: bobDeal })
    expect(bob.title).toBe('Bob deal')
    expect(
      (await app.payload.findByID({ collection: slugs.deals, depth: 0, id: aliceDeal })).owner,
    ).toBe(users.alice)
    expect(
      await app.payload.count({ collection: slugs.deals, where: { title: { equals: 'For Bob' } } }),
    ).toEqual({ totalDocs: 0 })
  })

  it('updates the user’s own deal, and a new deal without an owner belongs to its creator', async () => {
    const own = await api.rest('PATCH', `/${slugs.deals}/${aliceDeal}`, {
      body: { stage: pipeline.stages[1].stageId },
      token: tokens.alice,
    })
    expect(own.status).toBe(200)
    const created = await api.rest('POST', `/${slugs.deals}`, {
      body: {
        pipeline: pipeline.id,
        stage: pipeline.stages[0].stageId,
        title: 'Alice new',
        value: 5,
      },
      token: tokens.alice,
    })
    expect(created.status).toBe(201)
    expect(created.body.doc.owner).toEqual(expect.objectContaining({ id: users.alice }))
    await app.payload.delete({ collection: slugs.deals, id: created.body.doc.id })
  })

  it('an admin updates anyone’s deal', async () => {
    const response = await api.rest('PATCH', `/${slugs.deals}/${bobDeal}`, {
      body: { notes: 'Checked by admin' },
      token: tokens.admin,
    })
    expect(response.status).toBe(200)
  })
})

describe("dealAccess: 'ownerOnly' over GraphQL", () => {
  const { plural: Deals, singular: Deal } = graphqlNames.deals
  it('queries return only the user’s own deals', async () => {
    const { body } = await api.graphql(
      `{ ${Deals} { docs { title } } other: ${Deal}(id: ${bobDeal}) { title } }`,
      tokens.alice,
    )
    expect(body.data[Deals].docs).toEqual([{ title: 'Alice deal' }])
    expect(body.data.other).toBeNull()
    expect(JSON.stringify(body)).not.toContain('Bob deal')
    const admin = await api.graphql(`{ ${Deals} { docs { title } } }`, tokens.admin)
    expect(titles(admin.body.data[Deals].docs)).toEqual(['Alice deal', 'Bob deal'])
  })

  it('mutations cannot change or delete someone else’s deal', async () => {
    const update = await api.graphql(
      `mutation { update${Deal}(id: ${bobDeal}, data: { title: "Stolen" }) { title } }`,
      tokens.alice,
    )
    expect(update.body.errors?.length).toBeGreaterThan(0)
    const remove = await api.graphql(
      `mutation { delete${Deal}(id: ${bobDeal}) { id } }`,
      tokens.alice,
    )
    expect(remove.body.errors?.length).toBeGreaterThan(0)
    expect(
      (await app.payload.findByID({ collection: slugs.deals, depth: 0, id: bobDeal })).title,
    ).toBe('Bob deal')
    const own = await api.graphql(
      `mutation { update${Deal}(id: ${aliceDeal}, data: { notes: "mine" }) { notes } }`,
      tokens.alice,
    )
    expect(own.body.data[`update${Deal}`]).toEqual({ notes: 'mine' })
  })
})

describe("dealAccess: 'ownerOnly' on the board endpoint", () => {
  const board = (token: string | undefined, extra = '') =>
    api.rest('GET', `/email-marketing/deal-board?pipeline=${pipeline.id}&status=all${extra}`, {
      token,
    })

  it('counts and shows only the user’s own deals, refuses someone else’s, and needs a login', async () => {
    const alice = await board(tokens.alice)
    expect(alice.status).toBe(200)
    const cards = alice.body.columns.flatMap((column: { cards: { title: string }[] }) =>
      column.cards.map((card) => card.title),
    )
    expect(cards).toEqual(['Alice deal'])
    expect(
      alice.body.columns.reduce((sum: number, column: { count: number }) => sum + column.count, 0),
    ).toBe(1)
    expect((await board(tokens.alice, `&owner=${users.bob}`)).status).toBe(403)
    const admin = await board(tokens.admin)
    expect(
      admin.body.columns.reduce((sum: number, column: { count: number }) => sum + column.count, 0),
    ).toBe(2)
    expect((await board(undefined)).status).toBe(401)
    expect(
      (await api.rest('GET', '/email-marketing/deal-board?pipeline=abc', { token: tokens.admin }))
        .status,
    ).toBe(400)
  })
})

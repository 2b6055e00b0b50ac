import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { createApiClient } from '../helpers/apiClient'
import { graphqlNames, slugs } from '../helpers/slugs'

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let adminToken: string
let ids: Record<string, number>

const keys = ['contacts', 'lists', 'subscriptions', 'tags'] as const

beforeAll(async () => {
  app = await bootTestPayload({ cacheKey: 'default', name: 'access' })
  const { payload } = app
  api = createApiClient(app.config)
  await payload.create({
    collection: 'users',
    data: { email: 'admin@example.com', password: 'admin-password' },
  })
  const contact = await payload.create({
    collection: slugs.contacts,
    data: { email: 'private@example.com', firstName: 'Private' },
  })
  const list = await payload.create({
    collection: slugs.lists,
    data: { name: 'Private list', slug: '' },
  })
  const subscription = await payload.create({
    collection: slugs.subscriptions,
    data: { contact: contact.id, list: list.id, status: 'subscribed' },
  })
  const tag = await payload.create({ collection: slugs.tags, data: { name: 'secret' } })
  ids = { contacts: contact.id, lists: list.id, subscriptions: subscription.id, tags: tag.id }
  const login = await api.rest('POST', '/users/login', {
    body: { email: 'admin@example.com', password: 'admin-password' },
  })
  adminToken = login.body.token
})

afterAll(async () => {
  await app?.shutdown()
})

const createBodies = {
  contacts: () => ({ email: 'intruder@example.com' }),
  lists: () => ({ name: 'Intruder list', slug: 'intruder' }),
  subscriptions: () => ({ contact: ids.contacts, list: ids.lists, status: 'unsubscribed' }),
  tags: () => ({ name: 'intruder' }),
}

describe('access without a login', () => {
  it.each(keys)('REST cannot list, read, create, update or delete %s', async (key) => {
    const slug = slugs[key]
    const before = await app.payload.count({ collection: slug })
    const list = await api.rest('GET', `/${slug}`)
    expect(list.status).toBe(403)
    const one = await api.rest('GET', `/${slug}/${ids[key]}`)
    expect(one.status).toBe(403)
    expect(JSON.stringify(one.body)).not.toContain('private@example.com')
    expect((await api.rest('POST', `/${slug}`, { body: createBodies[key]() })).status).toBe(403)
    expect(
      (
        await api.rest('PATCH', `/${slug}/${ids[key]}`, {
          body: { name: 'changed', email: 'changed@example.com' },
        })
      ).status,
    ).toBe(403)
    expect((await api.rest('DELETE', `/${slug}/${ids[key]}`)).status).toBe(403)
    expect(await app.payload.count({ collection: slug })).toEqual(before)
  })

  it('GraphQL cannot read any plugin collection', async () => {
    const { body } = await api.graphql(
      `{ ${graphqlNames.contacts.plural} { docs { email } } ${graphqlNames.lists.plural} { docs { name } } ${graphqlNames.subscriptions.plural} { docs { id } } ${graphqlNames.tags.plural} { docs { name } } }`,
    )
    expect(body.errors.map((error: { path: string[] }) => error.path[0]).sort()).toEqual(
      keys.map((key) => graphqlNames[key].plural).sort(),
    )
    expect(JSON.stringify(body.data)).not.toContain('private@example.com')
  })

  it('GraphQL cannot write any plugin collection', async () => {
    const before = await app.payload.count({ collection: slugs.contacts })
    const mutations = [
      `mutation { create${graphqlNames.contacts.singular}(data: { email: "intruder@example.com", status: active }) { id } }`,
      `mutation { update${graphqlNames.contacts.singular}(id: ${ids.contacts}, data: { firstName: "Changed" }) { id } }`,
      `mutation { delete${graphqlNames.tags.singular}(id: ${ids.tags}) { id } }`,
      `mutation { create${graphqlNames.subscriptions.singular}(data: { contact: ${ids.contacts}, list: ${ids.lists}, status: unsubscribed }) { id } }`,
    ]
    for (const mutation of mutations) {
      const { body } = await api.graphql(mutation)
      expect(body.errors).toEqual([
        expect.objectContaining({ message: 'You are not allowed to perform this action.' }),
      ])
    }
    expect(await app.payload.count({ collection: slugs.contacts })).toEqual(before)
    const contact = await app.payload.findByID({ collection: slugs.contacts, id: ids.contacts })
    expect(contact.firstName).toBe('Private')
    expect(await app.payload.count({ collection: slugs.tags })).toEqual({ totalDocs: 1 })
  })
})

describe('access as an admin user', () => {
  it('REST and GraphQL read and write plugin collections', async () => {
    const list = await api.rest('GET', `/${slugs.contacts}`, { token: adminToken })
    expect(list.status).toBe(200)
    expect(list.body.docs.map((doc: { email: string }) => doc.email)).toContain(
      'private@example.com',
    )
    const created = await api.rest('POST', `/${slugs.tags}`, {
      body: { name: 'from-admin' },
      token: adminToken,
    })
    expect(created.status).toBe(201)
    const { body } = await api.graphql(
      `{ ${graphqlNames.lists.plural} { docs { name } } }`,
      adminToken,
    )
    expect(body.data[graphqlNames.lists.plural].docs).toEqual([{ name: 'Private list' }])
  })
})

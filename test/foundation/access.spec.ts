import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { createApiClient } from '../helpers/apiClient'

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let adminToken: string
let ids: Record<string, number>

const collections = ['contacts', 'lists', 'subscriptions', 'tags'] as const

beforeAll(async () => {
  app = await bootTestPayload({ cacheKey: 'default', name: 'access' })
  const { payload } = app
  api = createApiClient(app.config)
  await payload.create({
    collection: 'users',
    data: { email: 'admin@example.com', password: 'admin-password' },
  })
  const contact = await payload.create({
    collection: 'contacts',
    data: { email: 'private@example.com', firstName: 'Private' },
  })
  const list = await payload.create({
    collection: 'lists',
    data: { name: 'Private list', slug: '' },
  })
  const subscription = await payload.create({
    collection: 'subscriptions',
    data: { contact: contact.id, list: list.id, status: 'subscribed' },
  })
  const tag = await payload.create({ collection: 'tags', data: { name: 'secret' } })
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
  it.each(collections)('REST cannot list, read, create, update or delete %s', async (slug) => {
    const before = await app.payload.count({ collection: slug })
    const list = await api.rest('GET', `/${slug}`)
    expect(list.status).toBe(403)
    const one = await api.rest('GET', `/${slug}/${ids[slug]}`)
    expect(one.status).toBe(403)
    expect(JSON.stringify(one.body)).not.toContain('private@example.com')
    expect((await api.rest('POST', `/${slug}`, { body: createBodies[slug]() })).status).toBe(403)
    expect(
      (
        await api.rest('PATCH', `/${slug}/${ids[slug]}`, {
          body: { name: 'changed', email: 'changed@example.com' },
        })
      ).status,
    ).toBe(403)
    expect((await api.rest('DELETE', `/${slug}/${ids[slug]}`)).status).toBe(403)
    expect(await app.payload.count({ collection: slug })).toEqual(before)
  })

  it('GraphQL cannot read any plugin collection', async () => {
    const { body } = await api.graphql(
      '{ Contacts { docs { email } } Lists { docs { name } } Subscriptions { docs { id } } Tags { docs { name } } }',
    )
    expect(body.errors.map((error: { path: string[] }) => error.path[0]).sort()).toEqual([
      'Contacts',
      'Lists',
      'Subscriptions',
      'Tags',
    ])
    expect(JSON.stringify(body.data)).not.toContain('private@example.com')
  })

  it('GraphQL cannot write any plugin collection', async () => {
    const before = await app.payload.count({ collection: 'contacts' })
    const mutations = [
      'mutation { createContact(data: { email: "intruder@example.com", status: active }) { id } }',
      `mutation { updateContact(id: ${ids.contacts}, data: { firstName: "Changed" }) { id } }`,
      `mutation { deleteTag(id: ${ids.tags}) { id } }`,
      `mutation { createSubscription(data: { contact: ${ids.contacts}, list: ${ids.lists}, status: unsubscribed }) { id } }`,
    ]
    for (const mutation of mutations) {
      const { body } = await api.graphql(mutation)
      expect(body.errors).toEqual([
        expect.objectContaining({ message: 'You are not allowed to perform this action.' }),
      ])
    }
    expect(await app.payload.count({ collection: 'contacts' })).toEqual(before)
    const contact = await app.payload.findByID({ collection: 'contacts', id: ids.contacts })
    expect(contact.firstName).toBe('Private')
    expect(await app.payload.count({ collection: 'tags' })).toEqual({ totalDocs: 1 })
  })
})

describe('access as an admin user', () => {
  it('REST and GraphQL read and write plugin collections', async () => {
    const list = await api.rest('GET', '/contacts', { token: adminToken })
    expect(list.status).toBe(200)
    expect(list.body.docs.map((doc: { email: string }) => doc.email)).toContain(
      'private@example.com',
    )
    const created = await api.rest('POST', '/tags', {
      body: { name: 'from-admin' },
      token: adminToken,
    })
    expect(created.status).toBe(201)
    const { body } = await api.graphql('{ Lists { docs { name } } }', adminToken)
    expect(body.data.Lists.docs).toEqual([{ name: 'Private list' }])
  })
})

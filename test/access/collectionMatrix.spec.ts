import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import {
  type Caller,
  callers,
  createCallers,
  type Credentials,
  databaseState,
  graphql,
  leastPrivilegeOptions,
  rest,
} from './accessFixture'
import { graphqlNames, slugs } from '../helpers/slugs'

let app: TestPayload
let credentials: Credentials
let countQueries: Record<string, string>

const pluginSlugs: string[] = Object.values(slugs)
const refused = (caller: Caller) => caller !== 'admin'

beforeAll(async () => {
  app = await bootTestPayload({
    cacheKey: 'default',
    name: 'access_collection_matrix',
    plugin: leastPrivilegeOptions,
  })
  credentials = await createCallers(app.payload, app.config)
  await app.payload.create({ collection: slugs.contacts, data: { email: 'private@example.com' } })
  await app.payload.create({ collection: slugs.tags, data: { name: 'vip' } })
  const schema = await graphql(
    app.config,
    credentials.admin,
    '{ __schema { queryType { fields { name } } } }',
  )
  const names: string[] = schema.body.data.__schema.queryType.fields.map(
    (field: { name: string }) => field.name,
  )
  // countContactImports counts `contact-imports`, countAuditLogs `audit-log`: one count query per plugin collection.
  countQueries = Object.fromEntries(
    (Object.keys(slugs) as (keyof typeof slugs)[]).map((key) => {
      const name = `count${graphqlNames[key].plural}`
      return [slugs[key], names.includes(name) ? name : `missing:${name}`]
    }),
  )
})

afterAll(async () => {
  await app?.shutdown()
})

describe.each(callers)('%s', (caller) => {
  it(`REST: lists every plugin collection only as an admin user; others cannot create, update or delete`, async () => {
    const before = await databaseState(app.payload)
    const listed: Record<string, number> = {}
    for (const slug of pluginSlugs)
      listed[slug] = (await rest(app.config, credentials[caller], 'GET', `/${slug}`)).status
    expect(listed).toEqual(
      Object.fromEntries(pluginSlugs.map((slug) => [slug, refused(caller) ? 403 : 200])),
    )
    if (!refused(caller)) return
    const writes: Record<string, number[]> = {}
    for (const slug of pluginSlugs) {
      writes[slug] = [
        (
          await rest(app.config, credentials[caller], 'POST', `/${slug}`, {
            email: 'intruder@example.com',
            name: 'intruder',
          })
        ).status,
        (await rest(app.config, credentials[caller], 'PATCH', `/${slug}/1`, { name: 'changed' }))
          .status,
        (await rest(app.config, credentials[caller], 'DELETE', `/${slug}/1`)).status,
      ]
    }
    expect(writes).toEqual(Object.fromEntries(pluginSlugs.map((slug) => [slug, [403, 403, 403]])))
    expect(await databaseState(app.payload)).toEqual(before)
  })

  it('GraphQL: counts every plugin collection only as an admin user; mutations are refused', async () => {
    expect(Object.values(countQueries).filter((name) => name.startsWith('missing:'))).toEqual([])
    const query = `{ ${Object.values(countQueries)
      .map((name) => `${name} { totalDocs }`)
      .join(' ')} }`
    const { body } = await graphql(app.config, credentials[caller], query)
    if (refused(caller)) {
      expect((body.errors ?? []).map((error: { path: string[] }) => error.path[0]).sort()).toEqual(
        Object.values(countQueries).sort(),
      )
      const before = await databaseState(app.payload)
      for (const mutation of [
        `mutation { create${graphqlNames.tags.singular}(data: { name: "intruder" }) { id } }`,
        `mutation { create${graphqlNames.contacts.singular}(data: { email: "intruder@example.com" }) { id } }`,
      ]) {
        const answer = await graphql(app.config, credentials[caller], mutation)
        expect(answer.body.errors).toEqual([
          expect.objectContaining({ message: 'You are not allowed to perform this action.' }),
        ])
      }
      expect(await databaseState(app.payload)).toEqual(before)
    } else {
      expect(body.errors).toBeUndefined()
      expect(body.data[countQueries[slugs.contacts]!].totalDocs).toBe(1)
    }
  })
})

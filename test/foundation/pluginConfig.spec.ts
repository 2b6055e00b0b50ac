import type { CollectionConfig } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig } from 'payload'

import { emailMarketingPlugin } from '../../src/index'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'

const Admins: CollectionConfig = { slug: 'admins', auth: true, fields: [] }
const Pages: CollectionConfig = { slug: 'pages', fields: [{ name: 'title', type: 'text' }] }

describe('a second, minimal config with custom slugs and overrides', () => {
  let app: TestPayload
  let hostOnInitCalls = 0
  const hostOnInit = () => {
    hostOnInitCalls += 1
  }

  beforeAll(async () => {
    app = await bootTestPayload({
      buildTestConfig: (databaseUrl) =>
        buildConfig({
          admin: { user: 'admins' },
          collections: [Admins, Pages],
          db: postgresAdapter({ pool: { connectionString: databaseUrl } }),
          onInit: hostOnInit,
          plugins: [
            emailMarketingPlugin({
              adminGroup: 'Audience',
              overrides: {
                contacts: (collection) => ({
                  ...collection,
                  admin: { ...collection.admin, description: 'People we email' },
                  fields: [...collection.fields, { name: 'favouriteColour', type: 'text' }],
                }),
              },
              scheduler: { enabled: false },
              secret: 'test-secret',
              slugs: {
                contacts: 'subscribers',
                lists: 'audiences',
                subscriptions: 'memberships',
                tags: 'labels',
              },
            }),
          ],
          secret: 'minimal-secret',
        }),
      name: 'minimal',
    })
  })

  afterAll(async () => {
    await app?.shutdown()
  })

  it('keeps the host collections and onInit, and adds the plugin collections under the custom slugs', () => {
    const slugs = app.config.collections.map((collection) => collection.slug)
    expect(slugs).toEqual(
      expect.arrayContaining([
        'admins',
        'pages',
        'subscribers',
        'audiences',
        'memberships',
        'labels',
      ]),
    )
    expect(slugs).not.toContain('contacts')
    expect(hostOnInitCalls).toBe(1)
    const subscribers = app.config.collections.find(
      (collection) => (collection.slug as string) === 'subscribers',
    )
    expect(subscribers?.admin.group).toBe('Audience')
    expect(subscribers?.admin.description).toBe('People we email')
  })

  it('works end to end with the overridden fields and relationships', async () => {
    const { payload } = app
    const subscriber = await payload.create({
      collection: 'subscribers' as 'contacts',
      data: { email: 'Custom@Example.com', favouriteColour: 'teal' } as never,
    })
    expect(subscriber).toMatchObject({ email: 'custom@example.com', favouriteColour: 'teal' })
    const label = await payload.create({ collection: 'labels' as 'tags', data: { name: 'vip' } })
    await payload.update({
      collection: 'subscribers' as 'contacts',
      id: subscriber.id,
      data: { tags: [label.id] },
    })
    const audience = await payload.create({
      collection: 'audiences' as 'lists',
      data: { name: 'Custom audience', slug: '' },
    })
    await payload.create({
      collection: 'memberships' as 'subscriptions',
      data: { contact: subscriber.id, list: audience.id, status: 'subscribed' },
    })
    await payload.delete({ collection: 'audiences' as 'lists', id: audience.id })
    expect((await payload.count({ collection: 'memberships' as 'subscriptions' })).totalDocs).toBe(
      0,
    )
  })
})

describe('plugin init checks', () => {
  const base = { collections: [Admins], secret: 'x' }

  it('stops with a clear message on a database adapter other than Postgres', async () => {
    const mongooseLike = {
      name: 'mongoose',
      defaultIDType: 'text' as const,
      init: () => ({}) as never,
    }
    await expect(
      buildConfig({ ...base, db: mongooseLike, plugins: [emailMarketingPlugin({ secret: 's' })] }),
    ).rejects.toThrow(
      /needs the Postgres database adapter \(@payloadcms\/db-postgres\), but this config uses "mongoose"/,
    )
  })

  it('requires a secret when enabled, and not when disabled', async () => {
    const db = postgresAdapter({ pool: { connectionString: 'postgres://unused' } })
    await expect(buildConfig({ ...base, db, plugins: [emailMarketingPlugin({})] })).rejects.toThrow(
      /`secret` option is required/,
    )
    const disabled = await buildConfig({
      ...base,
      db,
      plugins: [emailMarketingPlugin({ enabled: false })],
    })
    expect(disabled.collections.map((collection) => collection.slug)).toEqual(
      expect.arrayContaining(['contacts', 'lists', 'subscriptions', 'tags']),
    )
  })

  it('finds the upload collection for image blocks, takes a named one, and refuses one that is not an upload collection', async () => {
    const db = postgresAdapter({ pool: { connectionString: 'postgres://unused' } })
    const Media: CollectionConfig = { slug: 'media', fields: [], upload: true }
    const Photos: CollectionConfig = { slug: 'photos', fields: [], upload: true }
    const chosen = async (
      collections: CollectionConfig[],
      uploadCollection?: false | string,
    ): Promise<string | undefined> => {
      const config = await buildConfig({
        ...base,
        collections: [Admins, ...collections],
        db,
        plugins: [emailMarketingPlugin({ secret: 's', uploadCollection })],
      })
      return (config.custom?.emailMarketing as { uploadCollection?: string }).uploadCollection
    }
    expect(await chosen([Pages])).toBeUndefined()
    expect(await chosen([Pages, Media, Photos])).toBe('media')
    expect(await chosen([Media, Photos], 'photos')).toBe('photos')
    expect(await chosen([Media], false)).toBeUndefined()
    await expect(chosen([Pages], 'pages')).rejects.toThrow(
      "uploadCollection 'pages' is not an upload collection of this config.",
    )
  })
})

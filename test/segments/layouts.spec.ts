import { layoutForRendering } from '../../src/layouts/layoutForRendering'
import { seedDefaultLayout } from '../../src/layouts/seedDefaultLayout'
import { personalize, prepareEmail } from '../../src/rendering/index'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { slugs } from '../helpers/slugs'

let app: TestPayload

beforeAll(async () => {
  app = await bootTestPayload({ name: 'layouts' })
})

afterAll(async () => {
  await app?.shutdown()
})

const layouts = () =>
  app.payload.find({ collection: slugs.layouts, depth: 0, limit: 100, sort: 'createdAt' })

const baseLayout = { name: 'Brand', postalAddress: 'Acme Ltd\n1 Main Street\nSpringfield' }

describe('the default layout', () => {
  it('is seeded at init, once per kind, even when several processes start together', async () => {
    const seeded = await layouts()
    expect(seeded.totalDocs).toBe(2)
    expect(seeded.docs[0]).toMatchObject({
      isDefault: true,
      kind: 'marketing',
      name: 'Default',
      unsubscribeLabel: 'Unsubscribe',
    })
    expect(seeded.docs[1]).toMatchObject({
      isDefault: true,
      kind: 'transactional',
      name: 'Transactional',
    })
    expect(
      await Promise.all([
        seedDefaultLayout(app.payload),
        seedDefaultLayout(app.payload),
        seedDefaultLayout(app.payload),
      ]),
    ).toEqual([false, false, false])
    expect((await layouts()).totalDocs).toBe(2)
  })

  it('moves to the layout saved as the default, and layoutForRendering() follows it', async () => {
    const brand = await app.payload.create({
      collection: slugs.layouts,
      data: {
        ...baseLayout,
        brandColor: '#ff6600',
        isDefault: true,
        logoUrl: 'https://example.com/logo.png',
        unsubscribeLabel: 'Stop these emails',
      } as never,
    })
    const all = (await layouts()).docs as unknown as {
      id: number
      isDefault: boolean
      kind: string
    }[]
    expect(
      all
        .filter((layout) => layout.isDefault && layout.kind === 'marketing')
        .map((layout) => layout.id),
    ).toEqual([brand.id])
    expect(
      all
        .filter((layout) => layout.isDefault && layout.kind === 'transactional')
        .map((layout) => layout.id),
    ).toHaveLength(1)
    expect(await layoutForRendering(app.payload)).toEqual({
      brandColor: '#ff6600',
      logoUrl: 'https://example.com/logo.png',
      postalAddress: 'Acme Ltd\n1 Main Street\nSpringfield',
      unsubscribeLabel: 'Stop these emails',
    })
  })
})

describe('layoutForRendering', () => {
  it('feeds prepareEmail: postal address, header, footer and the unsubscribe link with its label', async () => {
    const layout = await app.payload.create({
      collection: slugs.layouts,
      data: {
        ...baseLayout,
        footerHtml: '<p>Hi {{ contact.firstName }}</p>',
        headerHtml: '<h1>Acme news</h1>',
        name: 'Full',
      } as never,
    })
    const prepared = await prepareEmail({
      html: '<p>Body</p>',
      kind: 'marketing',
      layout: await layoutForRendering(app.payload, layout.id),
      subject: 'News',
    })
    const email = personalize(prepared, {
      contact: { firstName: 'Ann' },
      unsubscribe_url: 'https://example.com/u/abc',
    })
    expect(email.html).toContain('<h1>Acme news</h1>')
    expect(email.html).toContain('<p>Hi Ann</p>')
    expect(email.html).toContain('1 Main Street')
    expect(email.html).toMatch(/<a[^>]+href="https:\/\/example.com\/u\/abc"[^>]*>Unsubscribe<\/a>/)
  })

  it('throws NotFound for an id that does not exist', async () => {
    await expect(layoutForRendering(app.payload, 999_999)).rejects.toMatchObject({ status: 404 })
  })
})

describe('validation', () => {
  it('requires the postal address of a marketing layout, not of a transactional one', async () => {
    await app.payload.create({
      collection: slugs.layouts,
      data: { kind: 'transactional', name: 'Receipts' } as never,
    })
    await expect(
      app.payload.create({ collection: slugs.layouts, data: { name: 'No address' } as never }),
    ).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ path: 'postalAddress' })] },
    })
  })

  it('refuses broken Liquid with its line and column', async () => {
    const data = {
      ...baseLayout,
      footerHtml: '<p>ok</p>\n<p>{% if contact.firstName %}open</p>',
      name: 'Broken',
    }
    await expect(
      app.payload.create({ collection: slugs.layouts, data: data as never }),
    ).rejects.toMatchObject({
      data: {
        errors: [
          expect.objectContaining({
            message: expect.stringMatching(/line 2, column \d+/),
            path: 'footerHtml',
          }),
        ],
      },
    })
  })

  it('refuses a brand colour that is not hex and a logo URL that is not http(s)', async () => {
    const data = {
      ...baseLayout,
      brandColor: 'red;background:url(x)',
      logoUrl: 'javascript:alert(1)',
      name: 'Bad',
    }
    await expect(
      app.payload.create({ collection: slugs.layouts, data: data as never }),
    ).rejects.toMatchObject({
      data: {
        errors: expect.arrayContaining([
          expect.objectContaining({ path: 'brandColor' }),
          expect.objectContaining({ path: 'logoUrl' }),
        ]),
      },
    })
  })
})

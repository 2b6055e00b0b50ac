import type { CollectionConfig } from 'payload'

import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { createDevConfig } from '../../dev/config'
import { checkCampaign } from '../../src/campaigns/campaignChecklist'
import { previewCampaign } from '../../src/campaigns/previewAndTest'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { slugs } from '../helpers/slugs'
import { paragraph } from './campaignFixtures'

/** A 1×1 red PNG. */
const redDot = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)

let app: TestPayload
let staticDir: string

beforeAll(async () => {
  staticDir = await mkdtemp(path.join(os.tmpdir(), 'em-media-'))
  // The site's upload collection: the plugin finds it without being told (uploadCollection unset).
  const Media: CollectionConfig = {
    slug: 'media',
    fields: [{ name: 'alt', type: 'text' }],
    upload: { mimeTypes: ['image/*'], staticDir },
  }
  app = await bootTestPayload({
    buildTestConfig: (databaseUrl) =>
      createDevConfig({
        collections: [Media],
        databaseUrl,
        plugin: { scheduler: { enabled: false } },
      }),
    name: 'campaign_image_uploads',
  })
})

afterAll(async () => {
  await app?.shutdown()
  await rm(staticDir, { force: true, recursive: true })
})

/** A body with a paragraph and one image block with the given fields. */
const bodyWithImage = (fields: Record<string, unknown>) => {
  const body = paragraph('Our new shop:')
  body.root.children.push({
    type: 'block',
    fields: { id: '665f0c1a2b3c4d5e6f708192', blockName: '', blockType: 'image', ...fields },
    format: '',
    version: 2,
  } as never)
  return body
}

it('renders an image block that points at an uploaded file as an <img> with its absolute URL and alt', async () => {
  const media = (await app.payload.create({
    collection: 'media' as never,
    data: { alt: 'The file alt' } as never,
    file: { data: redDot, mimetype: 'image/png', name: 'shop-front.png', size: redDot.length },
  })) as unknown as { filename: string; id: number }
  const campaign = await app.payload.create({
    collection: slugs.campaigns,
    data: {
      content: bodyWithImage({ alt: 'Our shop front', upload: media.id, width: 300 }),
      name: 'With an uploaded image',
      subject: 'Look',
    } as never,
  })

  const { html } = await previewCampaign(app.payload, campaign.id as number)
  const serverURL = app.config.serverURL.replace(/\/$/, '')
  const url = `${serverURL}/api/media/file/${encodeURIComponent(media.filename)}`
  expect(url).toMatch(/^https?:\/\//)
  expect(html).toContain(`<img src="${url}" alt="Our shop front" width="300"`)

  // Without alt text on the block, the upload's own alt is used.
  const second = await app.payload.create({
    collection: slugs.campaigns,
    data: {
      content: bodyWithImage({ upload: media.id }),
      name: 'With the upload alt',
      subject: 'Look again',
    } as never,
  })
  expect((await previewCampaign(app.payload, second.id as number)).html).toContain(
    `<img src="${url}" alt="The file alt"`,
  )
})

it('still takes an image by URL', async () => {
  const campaign = await app.payload.create({
    collection: slugs.campaigns,
    data: {
      content: bodyWithImage({ alt: 'Logo', src: 'https://cdn.example.com/logo.png' }),
      name: 'With an image URL',
      subject: 'Logo',
    } as never,
  })
  expect((await previewCampaign(app.payload, campaign.id as number)).html).toContain(
    '<img src="https://cdn.example.com/logo.png" alt="Logo"',
  )
})

it('refuses to save an image block with neither an upload nor a URL, or with both, saying why', async () => {
  const save = (fields: Record<string, unknown>) =>
    app.payload.create({
      collection: slugs.campaigns,
      data: { content: bodyWithImage(fields), name: 'Broken image', subject: 'Broken' } as never,
    })
  const messages = async (promise: Promise<unknown>): Promise<string> => {
    const error = (await promise.then(
      () => null,
      (problem: unknown) => problem,
    )) as { data?: { errors?: { message: string }[] }; message?: string; status?: number } | null
    expect(error).not.toBeNull()
    expect(error?.status).toBe(400)
    return [error?.message, ...(error?.data?.errors ?? []).map((item) => item.message)].join(' | ')
  }
  expect(await messages(save({ alt: 'Nothing' }))).toContain(
    'Choose an image or enter an image URL.',
  )
  const media = (await app.payload.create({
    collection: 'media' as never,
    data: {} as never,
    file: { data: redDot, mimetype: 'image/png', name: 'both.png', size: redDot.length },
  })) as unknown as { id: number }
  expect(
    await messages(save({ src: 'https://cdn.example.com/x.png', upload: media.id })),
  ).toContain('Use the chosen image or an image URL, not both')
})

it('blocks sending when an image block points at an upload deleted since, naming it', async () => {
  const media = (await app.payload.create({
    collection: 'media' as never,
    data: { alt: 'Soon gone' } as never,
    file: { data: redDot, mimetype: 'image/png', name: 'gone.png', size: redDot.length },
  })) as unknown as { id: number }
  const campaign = await app.payload.create({
    collection: slugs.campaigns,
    data: {
      content: bodyWithImage({ upload: media.id }),
      name: 'With a deleted image',
      subject: 'Gone',
    } as never,
  })
  const before = await checkCampaign(app.payload, campaign as never)
  expect(before.findings.map((finding) => finding.code)).not.toContain('image-upload')

  await app.payload.delete({ collection: 'media' as never, id: media.id })
  const after = await checkCampaign(app.payload, campaign as never)
  expect(after.findings).toContainEqual(
    expect.objectContaining({
      code: 'image-upload',
      level: 'blocking',
      message: `An image block shows media ${media.id}, which no longer exists; choose another image.`,
    }),
  )
  expect(after.blocking).toBe(true)
  expect((await previewCampaign(app.payload, campaign.id as number)).html).not.toContain(
    '/api/media/file/',
  )
})

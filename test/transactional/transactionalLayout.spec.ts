import { sendTransactional } from '../../src/index'
import { drainOutbox } from '../../src/sending/drainOutbox'
import { layoutForRendering } from '../../src/layouts/layoutForRendering'
import { personalize, prepareEmail } from '../../src/rendering/index'
import { lexicalParagraphs } from '../../dev/lexicalParagraphs'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { slugs } from '../helpers/slugs'

let app: SendingApp

const marketingFooter = 'You receive this email because you subscribed'

beforeAll(async () => {
  app = await bootSendingApp({ name: 'transactional_layout' })
  await app.payload.create({
    collection: slugs.transactionalTemplates,
    data: {
      body: lexicalParagraphs('Reset your password here: {{ resetUrl }}'),
      mode: 'richText',
      name: 'Password reset',
      slug: 'password-reset',
      subject: 'Reset your password',
      variables: [{ name: 'resetUrl', required: true }],
    } as never,
  })
})

afterAll(async () => {
  await app?.shutdown()
})

describe('transactional emails use a transactional layout', () => {
  it('seeds a default transactional layout next to the marketing one', async () => {
    const { docs } = await app.payload.find({ collection: slugs.layouts, sort: 'createdAt' })
    expect(docs.map((layout) => [layout.name, layout.kind, layout.isDefault])).toEqual([
      ['Default', 'marketing', true],
      ['Transactional', 'transactional', true],
    ])
  })

  it('a password-reset template email carries no marketing footer and no unsubscribe link, while marketing email does', async () => {
    await sendTransactional(app.payload, {
      data: { resetUrl: 'https://example.com/reset/abc' },
      template: 'password-reset',
      to: 'reader@example.com',
    })
    await drainOutbox(app.payload)
    const [received] = app.postmark.acceptedFor('reader@example.com')
    expect(received.HtmlBody).toContain('https://example.com/reset/abc')
    expect(received.HtmlBody).not.toContain(marketingFooter)
    expect(received.HtmlBody).not.toMatch(/unsubscribe/i)
    expect(received.TextBody).not.toMatch(/unsubscribe|subscribed/i)

    const marketing = personalize(
      await prepareEmail({
        html: '<p>News</p>',
        kind: 'marketing',
        layout: await layoutForRendering(app.payload),
        subject: 'News',
      }),
      { unsubscribe_url: 'https://example.com/u/1' },
    )
    expect(marketing.html).toContain(marketingFooter)
    expect(marketing.html).toContain('https://example.com/u/1')
  })

  it("Payload's own password-reset email carries no marketing footer and no unsubscribe link", async () => {
    await app.payload.create({
      collection: 'users',
      data: { email: 'editor@example.com', password: 'correct-horse' },
    })
    await app.payload.forgotPassword({ collection: 'users', data: { email: 'editor@example.com' } })
    await drainOutbox(app.payload)
    const [received] = app.postmark.acceptedFor('editor@example.com')
    expect(received.HtmlBody).toContain('/admin/reset/')
    expect(received.HtmlBody).not.toContain(marketingFooter)
    expect(received.HtmlBody).not.toMatch(/unsubscribe/i)
  })

  it('a template may only pick a transactional layout', async () => {
    const marketingLayout = (
      await app.payload.find({
        collection: slugs.layouts,
        where: { kind: { equals: 'marketing' } },
      })
    ).docs[0]
    await expect(
      app.payload.create({
        collection: slugs.transactionalTemplates,
        data: {
          html: '<p>Hi</p>',
          layout: marketingLayout.id,
          mode: 'html',
          name: 'Wrong frame',
          slug: 'wrong-frame',
          subject: 'Hi',
        } as never,
      }),
    ).rejects.toMatchObject({ status: 400 })
  })
})

import type { Payload } from 'payload'

import { ValidationError } from 'payload'

import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { slugs } from '../helpers/slugs'

let app: TestPayload
let payload: Payload

beforeAll(async () => {
  app = await bootTestPayload({ name: 'contacts' })
  payload = app.payload
})

afterAll(async () => {
  await app?.shutdown()
})

const validationErrorOf = async (promise: Promise<unknown>): Promise<ValidationError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ValidationError)
  return error as ValidationError
}

describe('contacts', () => {
  it('stores the address trimmed and lower-cased', async () => {
    const contact = await payload.create({
      collection: slugs.contacts,
      data: { email: '  Ada.Lovelace@Example.COM ' },
    })
    expect(contact.email).toBe('ada.lovelace@example.com')
    expect(contact.status).toBe('active')
  })

  it('rejects the same address in another case or with spaces as a duplicate, naming the field', async () => {
    await payload.create({ collection: slugs.contacts, data: { email: 'grace@example.com' } })
    const error = await validationErrorOf(
      payload.create({ collection: slugs.contacts, data: { email: ' GRACE@example.com  ' } }),
    )
    expect(error.data.errors).toEqual([expect.objectContaining({ path: 'email' })])
    expect(error.message).toContain('email')
    const { totalDocs } = await payload.count({
      collection: slugs.contacts,
      where: { email: { equals: 'grace@example.com' } },
    })
    expect(totalDocs).toBe(1)
  })

  it.each(['not-an-address', 'two@@example.com', 'spaces in@example.com', 'nodomain@', 'a@b'])(
    'rejects the invalid address %p',
    async (email) => {
      const error = await validationErrorOf(
        payload.create({ collection: slugs.contacts, data: { email } }),
      )
      expect(error.data.errors[0]).toEqual(
        expect.objectContaining({
          path: 'email',
          message: expect.stringContaining('not a valid email address'),
        }),
      )
    },
  )

  it('keeps one subscription per contact and list', async () => {
    const contact = await payload.create({
      collection: slugs.contacts,
      data: { email: 'unique-pair@example.com' },
    })
    const list = await payload.create({
      collection: slugs.lists,
      data: { name: 'Pairs', slug: '' },
    })
    await payload.create({
      collection: slugs.subscriptions,
      data: { contact: contact.id, list: list.id, status: 'subscribed' },
    })
    await expect(
      payload.create({
        collection: slugs.subscriptions,
        data: { contact: contact.id, list: list.id, status: 'pending' },
      }),
    ).rejects.toThrow()
    const { totalDocs } = await payload.count({
      collection: slugs.subscriptions,
      where: { list: { equals: list.id } },
    })
    expect(totalDocs).toBe(1)
  })

  it('records when a subscription changes status', async () => {
    const contact = await payload.create({
      collection: slugs.contacts,
      data: { email: 'stamps@example.com' },
    })
    const list = await payload.create({
      collection: slugs.lists,
      data: { name: 'Stamps', slug: '' },
    })
    const pending = await payload.create({
      collection: slugs.subscriptions,
      data: { contact: contact.id, list: list.id, status: 'pending' },
    })
    expect(pending.pendingAt).toBeTruthy()
    expect(pending.subscribedAt).toBeFalsy()
    const subscribed = await payload.update({
      collection: slugs.subscriptions,
      id: pending.id,
      data: { status: 'subscribed' },
    })
    expect(subscribed.subscribedAt).toBeTruthy()
    expect(subscribed.pendingAt).toBe(pending.pendingAt)
  })

  it('fills a list slug from its name and keeps slugs unique', async () => {
    const list = await payload.create({
      collection: slugs.lists,
      data: { name: 'Monthly Über News', slug: '' },
    })
    expect(list.slug).toBe('monthly-uber-news')
    await expect(
      payload.create({ collection: slugs.lists, data: { name: 'Monthly Über News', slug: '' } }),
    ).rejects.toThrow(ValidationError)
  })

  it('deletes the subscriptions of a deleted list, and only those', async () => {
    const doomed = await payload.create({
      collection: slugs.lists,
      data: { name: 'Doomed', slug: '' },
    })
    const kept = await payload.create({ collection: slugs.lists, data: { name: 'Kept', slug: '' } })
    for (const email of ['d1@example.com', 'd2@example.com', 'd3@example.com']) {
      const contact = await payload.create({ collection: slugs.contacts, data: { email } })
      await payload.create({
        collection: slugs.subscriptions,
        data: { contact: contact.id, list: doomed.id, status: 'subscribed' },
      })
      await payload.create({
        collection: slugs.subscriptions,
        data: { contact: contact.id, list: kept.id, status: 'subscribed' },
      })
    }
    await payload.delete({ collection: slugs.lists, id: doomed.id })
    const count = async (listID: number) =>
      (
        await payload.count({
          collection: slugs.subscriptions,
          where: { list: { equals: listID } },
        })
      ).totalDocs
    expect(await count(doomed.id)).toBe(0)
    expect(await count(kept.id)).toBe(3)
  })

  it('deletes the subscriptions of a deleted contact', async () => {
    const list = await payload.create({
      collection: slugs.lists,
      data: { name: 'Contact deletion', slug: '' },
    })
    const contact = await payload.create({
      collection: slugs.contacts,
      data: { email: 'leaving@example.com' },
    })
    await payload.create({
      collection: slugs.subscriptions,
      data: { contact: contact.id, list: list.id, status: 'subscribed' },
    })
    await payload.delete({ collection: slugs.contacts, id: contact.id })
    const { totalDocs } = await payload.count({
      collection: slugs.subscriptions,
      where: { list: { equals: list.id } },
    })
    expect(totalDocs).toBe(0)
  })

  it('keeps tags unique by name', async () => {
    await payload.create({ collection: slugs.tags, data: { name: 'vip' } })
    await expect(
      payload.create({ collection: slugs.tags, data: { name: ' vip ' } }),
    ).rejects.toThrow(ValidationError)
  })
})

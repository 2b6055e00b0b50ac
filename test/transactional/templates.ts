import type { Payload } from 'payload'

import { lexicalParagraphs } from '../../dev/lexicalParagraphs'
import { slugs } from '../helpers/slugs'

const variables = [
  { name: 'orderNumber', required: true, sampleValue: '1' },
  { name: 'customerName', required: false },
  { name: 'total', required: true, sampleValue: '10' },
]

/** The two templates the dev app's orders collection sends, created by each test file itself. */
export const createOrderTemplates = async (payload: Payload): Promise<void> => {
  await payload.create({
    collection: slugs.transactionalTemplates,
    data: {
      html: '<p>Hi {{ customerName | default: "there" }}, order #{{ orderNumber }} ({{ total }}) is confirmed.</p>',
      mode: 'html',
      name: 'Order confirmation',
      slug: 'order-confirmation',
      subject: 'Order #{{ orderNumber }} is confirmed',
      variables,
    } as never,
  })
  await payload.create({
    collection: slugs.transactionalTemplates,
    data: {
      body: lexicalParagraphs('Order #{{ orderNumber }} is on its way.'),
      mode: 'richText',
      name: 'Order shipped',
      slug: 'order-shipped',
      subject: 'Order #{{ orderNumber }} has shipped',
      variables,
    } as never,
  })
}

export const createOrder = (payload: Payload, email: string, extra: Record<string, unknown> = {}) =>
  payload.create({
    collection: 'orders' as 'users',
    data: {
      customerEmail: email,
      customerName: 'Grace',
      items: [{ name: 'Mug', price: 12, quantity: 2 }],
      status: 'pending',
      total: 24,
      ...extra,
    } as never,
  }) as unknown as Promise<{ id: number }>

export const updateOrder = (payload: Payload, id: number, data: Record<string, unknown>) =>
  payload.update({ collection: 'orders' as 'users', data: data as never, id })

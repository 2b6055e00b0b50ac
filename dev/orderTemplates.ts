import type { Payload, PayloadRequest } from 'payload'

import { lexicalParagraphs } from './lexicalParagraphs'

const orderVariables = [
  { description: 'The order id.', name: 'orderNumber', required: true, sampleValue: '1042' },
  { description: 'Who ordered.', name: 'customerName', required: false, sampleValue: 'Ada' },
  { description: 'Order total.', name: 'total', required: true, sampleValue: '99.5' },
]

/** The transactional templates the dev app's `orders` collection sends (dev/collections/Orders.ts). */
export const orderTemplates = [
  {
    body: lexicalParagraphs(
      'Hi {{ customerName | default: "there" }},',
      'Thanks for your order #{{ orderNumber }}. We received it and will let you know when it ships.',
      'Total: {{ total }}',
    ),
    mode: 'richText' as const,
    name: 'Order confirmation',
    sampleData: {
      customerName: 'Ada',
      items: [{ name: 'Notebook', price: 12.5, quantity: 2 }],
      orderNumber: '1042',
      total: 25,
    },
    slug: 'order-confirmation',
    subject: 'Order #{{ orderNumber }} is confirmed',
    variables: orderVariables,
  },
  {
    html: '<p>Hi {{ customerName | default: "there" }},</p><p>Good news: order #{{ orderNumber }} is on its way.</p>',
    mode: 'html' as const,
    name: 'Order shipped',
    sampleData: { customerName: 'Ada', orderNumber: '1042', total: 25 },
    slug: 'order-shipped',
    subject: 'Order #{{ orderNumber }} has shipped',
    variables: orderVariables,
  },
]

/** Creates the order templates that are missing; running it again changes nothing. */
export const seedOrderTemplates = async (
  payload: Payload,
  req?: Partial<PayloadRequest>,
): Promise<void> => {
  for (const template of orderTemplates) {
    const { totalDocs } = await payload.count({
      collection: 'transactional-templates',
      req,
      where: { slug: { equals: template.slug } },
    })
    if (totalDocs === 0)
      await payload.create({ collection: 'transactional-templates', data: template as never, req })
  }
}

import type { CollectionConfig } from 'payload'

import { sendOnChange } from 'payload-plugin-email-marketing'

type Order = {
  customerEmail?: string
  customerName?: string
  id: number | string
  items?: { name: string; price: number; quantity: number }[]
  status?: 'delivered' | 'paid' | 'pending' | 'shipped'
  total?: number
}

/** What the order templates see: the order, with a number a customer can quote. */
const orderData = ({ doc }: { doc: Order }) => ({
  customerName: doc.customerName ?? '',
  items: doc.items ?? [],
  orderNumber: String(doc.id),
  status: doc.status,
  total: doc.total,
})

/**
 * A shop's orders, to show transactional email from a collection hook: "order confirmation" when an
 * order is created, "order shipped" when its status changes to shipped, nothing on other edits.
 */
export const Orders: CollectionConfig = {
  slug: 'orders',
  admin: {
    defaultColumns: ['id', 'customerEmail', 'status', 'total', 'createdAt'],
    useAsTitle: 'customerEmail',
  },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'customerEmail', type: 'email', required: true },
        { name: 'customerName', type: 'text' },
      ],
    },
    {
      name: 'items',
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', required: true },
            { name: 'quantity', type: 'number', defaultValue: 1, min: 1, required: true },
            { name: 'price', type: 'number', min: 0, required: true },
          ],
        },
      ],
    },
    { name: 'total', type: 'number', min: 0 },
    {
      name: 'status',
      type: 'select',
      defaultValue: 'pending',
      options: ['pending', 'paid', 'shipped', 'delivered'].map((value) => ({
        label: value[0].toUpperCase() + value.slice(1),
        value,
      })),
      required: true,
    },
  ],
  hooks: {
    afterChange: [
      sendOnChange<Order>({
        data: orderData,
        template: 'order-confirmation',
        to: 'customerEmail',
        when: 'create',
      }),
      sendOnChange<Order>({
        data: orderData,
        template: 'order-shipped',
        to: 'customerEmail',
        when: ({ doc, operation, previousDoc }) =>
          operation === 'update' && doc.status === 'shipped' && previousDoc?.status !== 'shipped',
      }),
    ],
  },
  timestamps: true,
}

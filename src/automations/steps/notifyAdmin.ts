import type { CollectionSlug } from 'payload'

import type { StepDefinition } from '../engine/stepTypes.js'

import { escapeHtml } from '../../rendering/escape.js'
import { renderTemplate } from '../../rendering/liquid.js'
import { listIdOf } from './listSubscriptions.js'

/** Emails an admin user about the contact (kind 'system'), deduplicated per enrollment and step. */
export const notifyAdminStep = (usersSlug: string): StepDefinition => ({
  block: {
    slug: 'notifyAdmin',
    fields: [
      {
        name: 'user',
        type: 'relationship',
        relationTo: usersSlug as CollectionSlug,
        required: true,
      },
      { name: 'subject', type: 'text', required: true },
      {
        name: 'message',
        type: 'textarea',
        admin: { description: 'Liquid allowed, e.g. {{ contact.email }}' },
      },
    ],
    labels: { plural: 'Notify admins', singular: 'Notify admin' },
  },
  run: async ({ automation, contact, enrollment, path, payload, step }) => {
    const user = (await payload.findByID({
      collection: usersSlug as CollectionSlug,
      depth: 0,
      id: listIdOf(step.user),
    })) as unknown as {
      email?: string
    }
    if (!user.email) return { kind: 'next', outcome: 'skipped: admin user has no email' }
    const scope = { automation: { id: automation.id, name: automation.name }, contact }
    const text = renderTemplate(String(step.message ?? ''), scope, {
      field: 'message',
      mode: 'text',
    })
    const subject = renderTemplate(String(step.subject ?? ''), scope, {
      field: 'message',
      mode: 'text',
    })
    return {
      email: {
        dedupeKey: `step:${enrollment.id}:${path}`,
        html: `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`,
        kind: 'system',
        subject,
        text,
        to: user.email,
      },
      kind: 'email',
      outcome: `notified ${user.email}`,
    }
  },
})

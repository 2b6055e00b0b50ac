import type { CollectionSlug } from 'payload'

import type { PreparedEmail } from '../../rendering/renderEmail.js'
import type { StepContext, StepDefinition } from '../engine/stepTypes.js'

import { emailContentEditor } from '../../rendering/emailContentEditor.js'
import { lexicalToEmailHtml } from '../../rendering/lexicalToEmailHtml.js'
import { personalize, prepareEmail } from '../../rendering/renderEmail.js'
import {
  preferencesUrlPlaceholder,
  unsubscribeUrlPlaceholder,
} from '../../subscriptions/unsubscribeLinks.js'
import { transactionalTemplateEmail } from './transactionalTemplateEmail.js'

/** Prepared (layout-rendered, Liquid-compiled) emails, once per step and automation revision. */
const prepared = new Map<string, Promise<PreparedEmail>>()

const prepareOnce = (context: StepContext): Promise<PreparedEmail> => {
  const { automation, path, step } = context
  const key = `${automation.id}:${String(automation.updatedAt)}:${path}`
  let email = prepared.get(key)
  if (!email) {
    if (prepared.size > 500) prepared.clear()
    email = prepareEmail({
      html: lexicalToEmailHtml(step.body as Parameters<typeof lexicalToEmailHtml>[0]),
      kind: 'marketing',
      preheader: (step.preheader as string) || undefined,
      subject: String(step.subject ?? ''),
    })
    prepared.set(key, email)
    email.catch(() => prepared.delete(key))
  }
  return email
}

const dedupeKeyOf = ({ enrollment, path }: StepContext) => `step:${enrollment.id}:${path}`

const isMarketing = (step: Record<string, unknown> | undefined) =>
  step?.mode !== 'template' && step?.mode !== 'transactionalTemplate'

/**
 * Sends marketing content (rendered once per step, personalised per contact, with an unsubscribe
 * link), one of the plugin's transactional templates (with the contact and the trigger's event
 * data), or a Postmark template, the last two on the transactional stream. The outbox dedupe key
 * `step:<enrollment>:<path>` makes a re-run of this step after a crash a no-op.
 */
export const sendEmailStep = (transactionalTemplatesSlug: string): StepDefinition => ({
  block: {
    slug: 'sendEmail',
    fields: [
      {
        name: 'mode',
        type: 'select',
        defaultValue: 'marketing',
        options: [
          { label: 'Marketing content (with unsubscribe link)', value: 'marketing' },
          {
            label: 'Transactional template (transactional stream)',
            value: 'transactionalTemplate',
          },
          { label: 'Postmark template (transactional stream)', value: 'template' },
        ],
      },
      {
        name: 'transactionalTemplate',
        type: 'relationship',
        relationTo: transactionalTemplatesSlug as CollectionSlug,
        admin: {
          condition: (_, step) => step?.mode === 'transactionalTemplate',
          description:
            "Its data: the trigger event's data at the top level, the whole event as {{ event }}, and {{ contact }}.",
        },
        validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
          siblingData?.mode !== 'transactionalTemplate' ||
          value != null ||
          'Choose a transactional template.',
      },
      {
        name: 'subject',
        type: 'text',
        admin: { condition: (_, step) => isMarketing(step) },
      },
      {
        name: 'preheader',
        type: 'text',
        admin: { condition: (_, step) => isMarketing(step) },
      },
      {
        name: 'body',
        type: 'richText',
        admin: { condition: (_, step) => isMarketing(step) },
        editor: emailContentEditor(),
      },
      {
        name: 'emailPreview',
        type: 'ui',
        admin: {
          components: { Field: 'payload-plugin-email-marketing/client#StepEmailPreview' },
          condition: (_, step) => isMarketing(step),
        },
      },
      {
        name: 'templateAlias',
        type: 'text',
        admin: { condition: (_, step) => step?.mode === 'template' },
      },
    ],
    labels: { plural: 'Send emails', singular: 'Send email' },
  },
  run: async (context) => {
    const { contact, step } = context
    if (step.mode === 'transactionalTemplate') return transactionalTemplateEmail(context)
    if (contact.status !== 'active')
      return { kind: 'next', outcome: `skipped: contact is ${String(contact.status)}` }
    if (step.mode === 'template') {
      return {
        email: {
          contact: contact.id,
          dedupeKey: dedupeKeyOf(context),
          kind: 'transactional',
          tag: `automation-${context.automation.id}`,
          templateAlias: String(step.templateAlias ?? ''),
          templateModel: { contact },
          to: contact.email,
        },
        kind: 'email',
        outcome: 'queued template email',
      }
    }
    // The outbox signs the link for this message and adds the List-Unsubscribe headers (withUnsubscribeLinks).
    const email = personalize(await prepareOnce(context), {
      contact,
      preferences_url: preferencesUrlPlaceholder,
      unsubscribe_url: unsubscribeUrlPlaceholder,
    })
    return {
      email: {
        ...email,
        contact: contact.id,
        dedupeKey: dedupeKeyOf(context),
        kind: 'automation',
        metadata: { automation: String(context.automation.id), step: context.path },
        stream: context.options.postmark.broadcastStream,
        tag: `automation-${context.automation.id}`,
        to: contact.email,
      },
      kind: 'email',
      outcome: 'queued email',
    }
  },
})

import type { CollectionSlug } from 'payload'

import type { OneToOneBody } from '../../direct/renderOneToOne.js'
import type { StepContext, StepDefinition } from '../engine/stepTypes.js'

import { sendOneToOne } from '../../direct/sendOneToOne.js'
import { emailContentEditor } from '../../rendering/emailContentEditor.js'
import { listIdOf } from './listSubscriptions.js'

type DealDoc = { contacts?: unknown[] | null; id: number; owner?: unknown; title?: string }

/** The deal that started the run if it still exists and is the contact's, else the contact's most recent open deal. */
const dealOf = async ({
  contact,
  enrollment,
  options,
  payload,
}: StepContext): Promise<DealDoc | null> => {
  const collection = options.slugs.deals as CollectionSlug
  const triggerDealId = enrollment.state.dealId
  if (triggerDealId) {
    const deal = (await payload.findByID({
      id: triggerDealId,
      collection,
      depth: 0,
      disableErrors: true,
    })) as DealDoc | null
    if (deal && (deal.contacts ?? []).some((ref) => listIdOf(ref) === contact.id)) return deal
  }
  const { docs } = await payload.find({
    collection,
    depth: 0,
    limit: 1,
    sort: '-createdAt',
    where: { and: [{ contacts: { in: [contact.id] } }, { status: { equals: 'open' } }] },
  })
  return (docs[0] as DealDoc | undefined) ?? null
}

/**
 * A 1:1 email written in the automation and sent as the owner of the contact's deal (the deal
 * that started the run, else the contact's most recent open deal): from the configured sender,
 * Reply-To the owner, on the transactional stream, logged as `oneToOne` on the contact and the
 * deal. No deal or no owner skips the step with the reason in the history. The dedupe key
 * `step:<enrollment>:<path>` makes a re-run after a crash queue nothing new.
 */
export const sendAsDealOwnerStep: StepDefinition = {
  block: {
    slug: 'sendAsDealOwner',
    fields: [
      {
        name: 'subject',
        type: 'text',
        admin: {
          description:
            "Sent as the owner of the deal that started the run, else of the contact's most recent open deal; replies go to the owner. Liquid works here and in the body: {{ contact.firstName }}, {{ deal.title }}, {{ sender.name }}.",
        },
        required: true,
      },
      { name: 'body', type: 'richText', editor: emailContentEditor(), required: true },
    ],
    labels: { plural: '1:1 emails as the deal owner', singular: '1:1 email as the deal owner' },
  },
  run: async (context) => {
    const { contact, enrollment, path, payload, step } = context
    const deal = await dealOf(context)
    if (!deal) return { kind: 'next', outcome: 'skipped: the contact has no open deal' }
    const owner =
      deal.owner === null || deal.owner === undefined || deal.owner === ''
        ? null
        : listIdOf(deal.owner)
    if (owner === null) return { kind: 'next', outcome: `skipped: deal ${deal.id} has no owner` }
    const sent = await sendOneToOne(payload, {
      body: step.body as OneToOneBody,
      contact: contact.id,
      deal: deal.id,
      dedupeKey: `step:${enrollment.id}:${path}`,
      subject: String(step.subject ?? ''),
      user: owner,
    })
    // Lets a later "opened / clicked the previous email" test look at this email, as it would after a send email step.
    enrollment.state.previousMessageId = sent.messageId
    return {
      kind: 'next',
      outcome: `${sent.status === 'suppressed' ? 'suppressed' : 'queued'} 1:1 email as user ${owner} about deal ${deal.id} (message ${sent.messageId})`,
    }
  },
}

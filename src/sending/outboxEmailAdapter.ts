import type { EmailAdapter, SendEmailOptions } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import { enqueueMessage } from './enqueueMessages.js'
import { signalOutboxWork } from './outboxSignal.js'

type Address = NonNullable<SendEmailOptions['from']>

const addressesOf = (value: SendEmailOptions['to']): string[] => {
  if (!value) return []
  const list = Array.isArray(value) ? value : [value]
  return list.map((entry: Address) =>
    typeof entry === 'string'
      ? entry
      : entry.name
        ? `"${entry.name}" <${entry.address}>`
        : entry.address,
  )
}

const parseFrom = (
  value: SendEmailOptions['from'],
): undefined | { address: string; name?: string } => {
  if (!value) return undefined
  if (typeof value !== 'string') return { address: value.address, name: value.name || undefined }
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value)
  return match ? { address: match[2], name: match[1] || undefined } : { address: value.trim() }
}

const textOf = (value: SendEmailOptions['html']): string | undefined =>
  typeof value === 'string' ? value : undefined

/**
 * Payload's `email` adapter backed by the outbox: `payload.sendEmail` and Payload's own auth emails
 * (forgot password, verify) are queued on the transactional stream, sent by the delivery workers and
 * kept in the message log like every other email.
 */
export const outboxEmailAdapter =
  (): EmailAdapter<{ messageId: number }> =>
  ({ payload }) => {
    const options = pluginOptionsOf(payload)
    return {
      defaultFromAddress: options.sending.from.address,
      defaultFromName: options.sending.from.name,
      name: 'email-marketing-outbox',
      sendEmail: async (message) => {
        const to = addressesOf(message.to)
        if (to.length === 0) {
          throw new Error('payload.sendEmail needs at least one `to` address.')
        }
        const { id } = await enqueueMessage(payload, {
          bcc: addressesOf(message.bcc).join(', ') || undefined,
          cc: addressesOf(message.cc).join(', ') || undefined,
          from: parseFrom(message.from) ?? options.sending.from,
          html: textOf(message.html),
          kind: 'system',
          replyTo: addressesOf(message.replyTo as SendEmailOptions['to']).join(', ') || undefined,
          subject: message.subject ?? '',
          text: textOf(message.text),
          to: to.join(', '),
        })
        signalOutboxWork(payload)
        return { messageId: id }
      },
    }
  }

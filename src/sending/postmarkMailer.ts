import { type Message, ServerClient, type TemplatedMessage } from 'postmark'

import type { PostmarkOptions } from '../types.js'
import type { ClaimedMessage } from './outboxTypes.js'

import { BatchCallError, type Mailer, type SendOutcome } from './mailer.js'

const quoteName = (name: string) => `"${name.replace(/["\\]/g, '\\$&')}"`

const fromHeader = (message: ClaimedMessage) =>
  message.fromName ? `${quoteName(message.fromName)} <${message.fromAddress}>` : message.fromAddress

const isMarketing = (message: ClaimedMessage) =>
  message.kind === 'campaign' || message.kind === 'automation'

/** Fields shared by plain and template sends; `Metadata.messageId` lets a lost answer be found again. */
const envelope = (message: ClaimedMessage) => ({
  Attachments: message.attachments ?? undefined,
  Bcc: message.bcc ?? undefined,
  Cc: message.cc ?? undefined,
  From: fromHeader(message),
  Headers: message.headers ?? undefined,
  MessageStream: message.stream,
  Metadata: { ...message.metadata, messageId: String(message.id) },
  ReplyTo: message.replyTo ?? undefined,
  Tag: message.tag ?? undefined,
  To: message.toAddress,
  TrackLinks: isMarketing(message) ? ('HtmlOnly' as Message['TrackLinks']) : undefined,
  TrackOpens: true,
})

// Assigned, not spread: a campaign builds 500 of these per call, and spreading cost about 4 µs each.
const toMessage = (message: ClaimedMessage): Message =>
  Object.assign(envelope(message), {
    HtmlBody: message.html ?? undefined,
    Subject: message.subject ?? '',
    TextBody: message.text ?? undefined,
  })

const toTemplatedMessage = (message: ClaimedMessage): TemplatedMessage =>
  Object.assign(envelope(message), {
    TemplateAlias: message.templateAlias ?? undefined,
    TemplateModel: message.templateModel ?? {},
  })

const toBatchCallError = (error: unknown): BatchCallError => {
  const statusCode =
    typeof (error as { statusCode?: unknown })?.statusCode === 'number'
      ? (error as { statusCode: number }).statusCode
      : 0
  const text = error instanceof Error ? error.message : String(error)
  return new BatchCallError(
    `Postmark call failed (HTTP ${statusCode || 'no answer'}): ${text}`,
    statusCode,
    statusCode === 0 ? 'unknown' : 'notAccepted',
  )
}

type PostmarkAnswer = { ErrorCode: number; Message: string; MessageID?: string }

const outcomesOf = (messages: ClaimedMessage[], answers: PostmarkAnswer[]): SendOutcome[] =>
  messages.map((message, index) => {
    const answer = answers[index]
    if (!answer) {
      return {
        errorCode: -1,
        id: message.id,
        message: 'Postmark returned no result for this message',
        status: 'rejected',
      }
    }
    return answer.ErrorCode === 0
      ? { id: message.id, postmarkMessageId: answer.MessageID ?? null, status: 'accepted' }
      : { errorCode: answer.ErrorCode, id: message.id, message: answer.Message, status: 'rejected' }
  })

/** The official Postmark client behind the Mailer seam. A batch is all templated or all plain. */
export const createPostmarkMailer = (
  options: Required<Omit<PostmarkOptions, 'serverToken'>> & { serverToken: string },
): Mailer => {
  const api = new URL(options.apiUrl)
  const client = new ServerClient(options.serverToken, {
    requestHost: api.host,
    timeout: options.timeoutMs / 1000,
    useHttps: api.protocol === 'https:',
  })
  const call = async <T>(request: () => Promise<T>): Promise<T> => {
    try {
      return await request()
    } catch (error) {
      throw toBatchCallError(error)
    }
  }
  return {
    findAccepted: async (messageId) => {
      const found = await call(() =>
        client.getOutboundMessages({ count: 1, metadata_messageId: String(messageId), offset: 0 }),
      )
      return found.Messages[0]?.MessageID ?? null
    },
    name: 'postmark',
    sendBatch: async (messages) => {
      const answers = messages[0]?.templateAlias
        ? await call(() => client.sendEmailBatchWithTemplates(messages.map(toTemplatedMessage)))
        : await call(() => client.sendEmailBatch(messages.map(toMessage)))
      return outcomesOf(messages, answers)
    },
  }
}

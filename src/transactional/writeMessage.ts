import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { OutboxMessageInput } from '../sending/outboxTypes.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { enqueueMessage } from '../sending/enqueueMessages.js'
import { signalOutboxWork } from '../sending/outboxSignal.js'
import { drizzleFor, tableOf } from '../utilities/db.js'

type Drizzle = Payload['db']['drizzle']

export type WrittenMessage = {
  /** True when a message with the same dedupe key already existed; its id is returned and nothing new was queued. */
  duplicate: boolean
  messageId: number
  status: 'queued' | 'suppressed'
}

/**
 * Writes one outbox row inside the request's transaction when there is one (so a failed save
 * queues nothing). A suppressed message is written as a `suppressed` row with the reason in
 * `lastError`, in the same transaction as its insert, so no worker can claim it in between.
 */
export const writeMessage = async (
  payload: Payload,
  input: OutboxMessageInput,
  { req, suppressedBecause }: { req?: Partial<PayloadRequest>; suppressedBecause?: null | string },
): Promise<WrittenMessage> => {
  const db = req
    ? await drizzleFor({ payload, transactionID: req.transactionID })
    : payload.db.drizzle
  if (!suppressedBecause) {
    const { duplicate, id } = await enqueueMessage(payload, input, { db })
    if (!duplicate) signalOutboxWork(payload)
    return { duplicate, messageId: id, status: 'queued' }
  }
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  const suppress = async (tx: Drizzle) => {
    const { duplicate, id } = await enqueueMessage(payload, input, { db: tx })
    if (!duplicate) {
      await tx.execute(
        sql`UPDATE ${messages} SET status = 'suppressed', last_error = ${suppressedBecause}, updated_at = now() WHERE id = ${id} AND status = 'queued'`,
      )
    }
    return { duplicate, messageId: id, status: 'suppressed' as const }
  }
  return db === payload.db.drizzle
    ? payload.db.drizzle.transaction((tx) => suppress(tx as unknown as Drizzle))
    : suppress(db)
}

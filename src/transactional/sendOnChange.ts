import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import { sendTransactional } from './sendTransactional.js'

export type SendOnChangeArgs<TDoc> = {
  collection: string
  doc: TDoc
  operation: 'create' | 'update'
  /** The document before this save; `undefined` on create. */
  previousDoc: TDoc | undefined
  req: PayloadRequest
}

type FromDoc<TDoc, T> = (args: SendOnChangeArgs<TDoc>) => T

export type SendOnChangeOptions<TDoc extends Record<string, unknown>> = {
  /** Template variables. @default the document itself */
  data?: FromDoc<TDoc, Record<string, unknown>>
  /** @default `<collection>:<id>:<template>`, so each document gets each template once */
  dedupeKey?: FromDoc<TDoc, string>
  /** `'throw'` fails the save (and rolls back its transaction); `'log'` logs and lets the save succeed. @default 'throw' */
  onError?: 'log' | 'throw'
  /** Slug of the transactional template. */
  template: string
  /** The recipient: a field of the document holding an address, or a function. Nothing is sent when it is empty. */
  to: FromDoc<TDoc, null | string | undefined> | keyof TDoc
  /**
   * When to send: `'create'`, or a predicate, e.g.
   * `({ doc, previousDoc }) => doc.status === 'shipped' && previousDoc?.status !== 'shipped'`.
   */
  when: 'create' | FromDoc<TDoc, boolean>
}

/**
 * An afterChange hook that sends a transactional email when `when` holds. It queues inside the
 * save's transaction, so a save that fails after it queues nothing.
 */
export const sendOnChange =
  <TDoc extends Record<string, unknown> = Record<string, unknown>>(
    options: SendOnChangeOptions<TDoc>,
  ): CollectionAfterChangeHook<TDoc & { id: number | string }> =>
  async ({ collection, doc, operation, previousDoc, req }) => {
    const args: SendOnChangeArgs<TDoc> = {
      collection: collection.slug,
      doc,
      operation,
      previousDoc: operation === 'create' ? undefined : previousDoc,
      req,
    }
    const shouldSend = options.when === 'create' ? operation === 'create' : options.when(args)
    if (!shouldSend) return doc
    const to = typeof options.to === 'function' ? options.to(args) : doc[options.to]
    if (typeof to !== 'string' || !to.trim()) return doc
    try {
      await sendTransactional(req.payload, {
        data: options.data ? options.data(args) : { ...doc },
        dedupeKey: options.dedupeKey
          ? options.dedupeKey(args)
          : `${collection.slug}:${doc.id}:${options.template}`,
        metadata: { collection: collection.slug, documentId: String(doc.id) },
        req,
        template: options.template,
        to,
      })
    } catch (error) {
      if (options.onError !== 'log') throw error
      req.payload.logger.error({
        err: error,
        msg: `email-marketing: sendOnChange could not send "${options.template}" for ${collection.slug} ${doc.id}`,
      })
    }
    return doc
  }

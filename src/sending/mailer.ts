import type { ClaimedMessage } from './outboxTypes.js'

/** One element's answer in a batch call. Rejections are final: retrying cannot change them. */
export type SendOutcome =
  | { errorCode: number; id: number; message: string; status: 'rejected' }
  | { id: number; postmarkMessageId: null | string; status: 'accepted' }

/**
 * The narrow seam between the outbox and an email API: Postmark in production, capture mode
 * without a token. A whole-call failure is thrown as a BatchCallError.
 */
export type Mailer = {
  /** The Postmark MessageID of a message accepted earlier, null when it never was. */
  findAccepted: (messageId: number) => Promise<null | string>
  name: 'capture' | 'postmark'
  /** Sends one batch; all of its messages use a Postmark template, or none does. */
  sendBatch: (messages: ClaimedMessage[]) => Promise<SendOutcome[]>
}

/**
 * A batch call that failed as a whole. `outcome: 'unknown'` (timeouts, dropped connections) means
 * Postmark may have accepted it, so the rows are reconciled by search before any resend.
 */
export class BatchCallError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly outcome: 'notAccepted' | 'unknown',
  ) {
    super(message)
    this.name = 'BatchCallError'
  }
}

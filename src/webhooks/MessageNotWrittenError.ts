import { EmailMarketingError } from '../errors/EmailMarketingError.js'

/**
 * An event about a campaign email Postmark accepted moments ago, whose outbox row the sender has
 * not written yet. Answered 409 so Postmark delivers the event again a little later, when the row is there.
 */
export class MessageNotWrittenError extends EmailMarketingError {
  constructor(messageId: number) {
    super(
      `Message ${messageId} is still being recorded after its send; Postmark will deliver this event again.`,
      409,
    )
  }
}

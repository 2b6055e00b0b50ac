import { EmailMarketingError } from '../errors/EmailMarketingError.js'
/** The user may not send 1:1 email (the `oneToOneAccess` option said no). */
export class OneToOneForbiddenError extends EmailMarketingError {
  constructor() {
    super('You are not allowed to send 1:1 email.', 403)
  }
}

/** The contact, deal or sending user does not exist, or the email has nothing to send. */
export class InvalidOneToOneError extends EmailMarketingError {
  constructor(message: string) {
    super(message, 400)
  }
}

import { EmailMarketingError } from './EmailMarketingError.js'

/** Input a service cannot act on (a bad date, an unknown variant or contact): a 400 with the reason. */
export class InvalidInputError extends EmailMarketingError {
  constructor(message: string) {
    super(message, 400)
  }
}

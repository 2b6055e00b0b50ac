import { EmailMarketingError } from '../errors/EmailMarketingError.js'
/** `data` lacks a variable the template marks as required; nothing was queued. */
export class MissingTemplateVariableError extends EmailMarketingError {
  constructor(
    readonly template: string,
    readonly variable: string,
  ) {
    super(
      `Transactional template "${template}" needs the variable "${variable}", which \`data\` does not have.`,
      400,
      { template, variable },
    )
  }
}

/** No transactional template has this slug (or id). */
export class TransactionalTemplateNotFoundError extends EmailMarketingError {
  constructor(readonly template: number | string) {
    super(`There is no transactional template "${template}".`, 404, { template })
  }
}

/** The template cannot be sent as it is, e.g. a Postmark template without an alias or an empty subject. */
export class InvalidTransactionalTemplateError extends EmailMarketingError {
  constructor(message: string) {
    super(message, 400)
  }
}

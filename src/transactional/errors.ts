/** `data` lacks a variable the template marks as required; nothing was queued. */
export class MissingTemplateVariableError extends Error {
  readonly template: string
  readonly variable: string

  constructor(template: string, variable: string) {
    super(
      `Transactional template "${template}" needs the variable "${variable}", which \`data\` does not have.`,
    )
    this.name = 'MissingTemplateVariableError'
    this.template = template
    this.variable = variable
  }
}

/** No transactional template has this slug (or id). */
export class TransactionalTemplateNotFoundError extends Error {
  readonly template: number | string

  constructor(template: number | string) {
    super(`There is no transactional template "${template}".`)
    this.name = 'TransactionalTemplateNotFoundError'
    this.template = template
  }
}

/** The template cannot be sent as it is, e.g. a Postmark template without an alias or an empty subject. */
export class InvalidTransactionalTemplateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidTransactionalTemplateError'
  }
}

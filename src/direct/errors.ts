/** The user may not send 1:1 email (the `oneToOneAccess` option said no). */
export class OneToOneForbiddenError extends Error {
  constructor() {
    super('You are not allowed to send 1:1 email.')
    this.name = 'OneToOneForbiddenError'
  }
}

/** The contact, deal or sending user does not exist, or the email has nothing to send. */
export class InvalidOneToOneError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidOneToOneError'
  }
}

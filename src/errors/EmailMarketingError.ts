/**
 * Base of the plugin's typed errors. `status` is the HTTP status an endpoint answers with and `data`
 * the details it adds, so every endpoint maps errors to HTTP the same way (see toApiError).
 */
export class EmailMarketingError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly data: null | Record<string, unknown> = null,
  ) {
    super(message)
    this.name = new.target.name
  }
}

import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json'

/**
 * Postmark's ids are 64-bit integers (its own bounce example has `"ID": 4323372036854775807`), beyond
 * what a JS number holds exactly: integers too large for a number become bigints, other numbers stay numbers.
 */
const parseNumber = (text: string): bigint | number =>
  !isSafeNumber(text) && isInteger(text) ? BigInt(text) : Number(text)

/** Parses a webhook body without losing digits; throws SyntaxError on malformed JSON. */
export const parseWebhookJson = (text: string): unknown => parse(text, null, parseNumber)

/** JSON text of a parsed body, big integers written back as the numbers they were. */
export const webhookJson = (value: unknown): string => stringify(value) ?? 'null'

/** A `%text%` ILIKE pattern in which the user's `%`, `_` and `\` match themselves. */
export const likePattern = (text: string): string =>
  `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`

/** A share as a percentage with up to two decimals: 0.00312 → "0.31 %". */
export const percent = (share: number): string =>
  `${(Math.round(share * 10_000) / 100).toLocaleString('en', { maximumFractionDigits: 2 })} %`

export const count = (value: number): string => value.toLocaleString('en')

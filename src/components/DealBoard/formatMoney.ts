const formats = new Map<string, Intl.NumberFormat>()

export const formatMoney = (value: number, currency: string): string => {
  let format = formats.get(currency)
  if (!format) {
    try {
      format = new Intl.NumberFormat('en-US', {
        currency,
        maximumFractionDigits: 0,
        style: 'currency',
      })
    } catch {
      format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
    }
    formats.set(currency, format)
  }
  return format.format(value)
}

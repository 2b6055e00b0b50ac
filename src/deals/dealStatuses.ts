export const dealStatuses = ['open', 'won', 'lost'] as const

export type DealStatus = (typeof dealStatuses)[number]

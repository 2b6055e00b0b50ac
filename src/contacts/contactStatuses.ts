export const contactStatuses = ['active', 'unsubscribed', 'bounced', 'complained'] as const

export type ContactStatus = (typeof contactStatuses)[number]

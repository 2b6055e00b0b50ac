/** What the audit log records. */
export const auditActions = [
  'access.denied',
  'campaign.schedule',
  'campaign.send',
  'contact.erase',
  'export.campaignRecipients',
  'export.contactData',
  'export.contacts',
  'export.list',
  'export.segment',
  'import.start',
  'oneToOne.send',
] as const

export type AuditAction = (typeof auditActions)[number]

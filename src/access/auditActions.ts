/** What the audit log records. */
export const auditActions = [
  'access.denied',
  'campaign.schedule',
  'campaign.send',
  'contact.erase',
  'contacts.bulk',
  'export.campaignRecipients',
  'export.contactData',
  'export.contacts',
  'export.list',
  'export.segment',
  'import.start',
  'list.members',
  'oneToOne.send',
] as const

export type AuditAction = (typeof auditActions)[number]

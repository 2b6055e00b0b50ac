/** draft: uploaded, waiting for the column mapping; pending: queued for a worker; running; done; failed. */
export const importStatuses = ['draft', 'pending', 'running', 'done', 'failed'] as const
export type ImportStatus = (typeof importStatuses)[number]

export const dedupeModes = ['update', 'skip'] as const
export type DedupeMode = (typeof dedupeModes)[number]

/** Contact fields a CSV column can map to; anything else is `attributes.<name>` or `ignore`. */
export const mappableContactFields = ['email', 'firstName', 'lastName', 'phone', 'company'] as const
export type MappableContactField = (typeof mappableContactFields)[number]

export const rejectionReasons = [
  'invalid email',
  'duplicate in file',
  'erased address',
  'missing email',
] as const
export type RejectionReason = (typeof rejectionReasons)[number]

'use client'

import { FieldDescription, FieldLabel, useFormFields } from '@payloadcms/ui'

import { formatScheduled } from '../../utilities/scheduledTimeZone.js'

/**
 * The sidebar's read-only "Scheduled for Thu 24 Dec 2026, 9:00 AM Europe/Berlin": the stored
 * instant shown in the time zone it was chosen in (scheduledTimeZone, this field). Nothing while
 * the campaign is not scheduled.
 */
export const ScheduledForField = () => {
  const at = useFormFields(([fields]) => fields.scheduledAt?.value as null | string | undefined)
  const zone = useFormFields(
    ([fields]) => fields.scheduledTimeZone?.value as null | string | undefined,
  )
  const status = useFormFields(([fields]) => fields.status?.value as string | undefined)
  if (!at || status !== 'scheduled') return null
  return (
    <div className="field-type" data-testid="campaign-scheduled-for" style={{ marginBottom: 24 }}>
      <FieldLabel label="Scheduled for" />
      <div data-testid="campaign-scheduled-for-text">{formatScheduled(at, zone)}</div>
      <FieldDescription
        description={zone ? `Chosen in ${zone}.` : 'Shown in UTC.'}
        path="scheduledTimeZone"
      />
    </div>
  )
}

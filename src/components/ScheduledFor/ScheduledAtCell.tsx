'use client'

import type { DefaultCellComponentProps } from 'payload'

import { formatScheduled } from '../../utilities/scheduledTimeZone.js'

/** The campaigns list's "Scheduled for": the time in the zone it was scheduled in; empty otherwise. */
export const ScheduledAtCell = ({ cellData, rowData }: DefaultCellComponentProps) => {
  const zone = (rowData as { scheduledTimeZone?: null | string } | undefined)?.scheduledTimeZone
  return typeof cellData === 'string' && cellData ? (
    <span data-testid="campaign-scheduled-cell">{formatScheduled(cellData, zone)}</span>
  ) : (
    <span>—</span>
  )
}

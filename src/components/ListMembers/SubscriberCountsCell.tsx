'use client'
import type { DefaultCellComponentProps } from 'payload'

type Counts = { pending?: number; subscribed?: number; unsubscribed?: number }

/** The lists table's Members column: subscribed, pending and unsubscribed counts of the row. */
export const SubscriberCountsCell = ({ cellData }: DefaultCellComponentProps) => {
  const counts = (cellData ?? {}) as Counts
  return (
    <span data-testid="subscriber-counts" style={{ whiteSpace: 'nowrap' }}>
      <strong>{(counts.subscribed ?? 0).toLocaleString('en')}</strong> subscribed
      <span style={{ color: 'var(--theme-elevation-600)' }}>
        {' '}
        · {(counts.pending ?? 0).toLocaleString('en')} pending ·{' '}
        {(counts.unsubscribed ?? 0).toLocaleString('en')} unsubscribed
      </span>
    </span>
  )
}

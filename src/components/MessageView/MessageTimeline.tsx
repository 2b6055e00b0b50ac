'use client'

export type TimelineItemView = { at: string; detail: null | string; type: string }

const labels: Record<string, string> = {
  bounced: 'Bounced',
  cancelled: 'Cancelled',
  captured: 'Captured (not sent: no Postmark token)',
  clicked: 'Clicked',
  complained: 'Marked as spam',
  delivered: 'Delivered',
  failed: 'Failed',
  opened: 'Opened',
  otherBounce: 'Bounce (other)',
  queued: 'Queued',
  sent: 'Sent to Postmark',
  softBounced: 'Soft bounce',
  subscriptionChanged: 'Subscription changed',
  suppressed: 'Not sent (suppressed)',
}

const tone: Record<string, string> = {
  bounced: 'var(--theme-warning-500)',
  clicked: 'var(--theme-success-500)',
  complained: 'var(--theme-error-500)',
  failed: 'var(--theme-error-500)',
  opened: 'var(--color-blue-500, var(--theme-elevation-800))',
  softBounced: 'var(--theme-warning-500)',
}

const when = (at: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(at),
  )

/** The message's life as a vertical timeline, oldest first. */
export const MessageTimeline = ({ items }: { items: TimelineItemView[] }) => (
  <ol
    data-testid="message-timeline"
    style={{
      borderLeft: '2px solid var(--theme-elevation-150)',
      listStyle: 'none',
      margin: 0,
      padding: 0,
    }}
  >
    {items.map((item, index) => (
      <li
        data-testid="message-timeline-item"
        data-type={item.type}
        key={`${item.at}-${item.type}-${index}`}
        style={{
          padding: '0 0 calc(var(--base) * 0.75) calc(var(--base) * 0.75)',
          position: 'relative',
        }}
      >
        <span
          aria-hidden
          style={{
            background: tone[item.type] ?? 'var(--theme-elevation-400)',
            borderRadius: '50%',
            height: 10,
            left: -6,
            position: 'absolute',
            top: 5,
            width: 10,
          }}
        />
        <div style={{ fontWeight: 500 }}>{labels[item.type] ?? item.type}</div>
        <div style={{ color: 'var(--theme-elevation-500)', fontSize: 12 }}>{when(item.at)}</div>
        {item.detail && <div style={{ fontSize: 12, overflowWrap: 'anywhere' }}>{item.detail}</div>}
      </li>
    ))}
  </ol>
)

'use client'

import type { TimelineItem } from '../../timeline/timelineTypes.js'

import { readableStep, readableStepType, withLocalTimes } from './readableStep.js'

const when = (iso: string) => new Date(iso).toLocaleString()

const chip = {
  background: 'var(--theme-elevation-100)',
  borderRadius: 3,
  fontSize: 12,
  marginRight: 4,
  padding: '1px 6px',
} as const

const describe = (item: TimelineItem): { detail?: null | string; title: string } => {
  switch (item.type) {
    case 'automation': {
      const where = `automation ${item.automation}${item.stepPath ? `, step ${readableStep(item.stepPath)}` : ''}`
      const what = item.subject
        ? `Sent ‘${item.subject}’`
        : item.stepType
          ? readableStepType(item.stepType)
          : item.step
      return { detail: item.detail && withLocalTimes(item.detail), title: `${what} (${where})` }
    }
    case 'deal':
      return {
        title: `Deal "${item.dealTitle}": ${item.fromStage ? `${item.fromStage} → ` : ''}${item.toStage ?? ''} (${item.status})`,
      }
    case 'message':
      return {
        detail: item.lastError,
        title: `${item.kind === 'oneToOne' ? '1:1 email' : `${item.kind[0].toUpperCase()}${item.kind.slice(1)} email`}: ${item.subject ?? '(Postmark template)'}`,
      }
    case 'subscription':
      return {
        title: `${item.status[0].toUpperCase()}${item.status.slice(1)} ${item.status === 'unsubscribed' ? 'from' : 'to'} "${item.listName}"`,
      }
  }
}

/** One line of the timeline; a message shows each delivery event with its time. */
export const TimelineEntry = ({ item }: { item: TimelineItem }) => {
  const { detail, title } = describe(item)
  return (
    <li
      className={`timeline-entry timeline-entry--${item.type}`}
      data-message-id={item.type === 'message' ? item.messageId : undefined}
      data-status={item.type === 'message' ? item.status : undefined}
      style={{
        borderLeft: '2px solid var(--theme-elevation-150)',
        listStyle: 'none',
        marginBottom: 12,
        paddingLeft: 12,
      }}
    >
      <div style={{ color: 'var(--theme-elevation-500)', fontSize: 12 }}>{when(item.at)}</div>
      <div>
        <strong>{title}</strong>
        {item.type === 'message' && <span style={{ ...chip, marginLeft: 8 }}>{item.status}</span>}
        {item.type === 'message' && item.pruned && (
          <span
            className="timeline-pruned"
            style={chip}
            title="The retention policy removed this email's content or its older per-event details; status, first open and first click remain."
          >
            details pruned
          </span>
        )}
      </div>
      {item.type === 'message' && (
        <div className="timeline-events" style={{ marginTop: 4 }}>
          {item.events.map((event, index) => (
            <span
              data-event={event.type}
              key={`${event.type}-${index}`}
              style={chip}
              title={event.url ?? when(event.at)}
            >
              {event.type} {new Date(event.at).toLocaleTimeString()}
            </span>
          ))}
        </div>
      )}
      {detail && <div style={{ color: 'var(--theme-elevation-500)', fontSize: 12 }}>{detail}</div>}
    </li>
  )
}

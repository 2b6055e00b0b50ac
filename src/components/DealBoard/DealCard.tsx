'use client'
import { useDraggable } from '@dnd-kit/core'
import { Button } from '@payloadcms/ui'
import type React from 'react'

import type { BoardCard } from './boardTypes.js'

import { formatMoney } from './formatMoney.js'

type Props = {
  adminRoute: string
  card: BoardCard
  dealsSlug: string
  nextStage?: { name: string; stageId: string }
  onKeyDown: (event: React.KeyboardEvent, card: BoardCard) => void
  onMove: (card: BoardCard, stageId: string) => void
  pendingTarget?: string
  previousStage?: { name: string; stageId: string }
}

/** One deal: draggable with the pointer; focused, arrow keys pick a column and Enter moves it there. */
export const DealCard: React.FC<Props> = ({
  adminRoute,
  card,
  dealsSlug,
  nextStage,
  onKeyDown,
  onMove,
  pendingTarget,
  previousStage,
}) => {
  const { attributes, isDragging, listeners, setNodeRef } = useDraggable({
    data: { card },
    id: `deal-${card.id}`,
  })
  return (
    <article
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      aria-label={`${card.title}, ${formatMoney(card.value, card.currency)}`}
      aria-roledescription="deal card"
      className="deal-board__card"
      data-deal-id={card.id}
      onKeyDown={(event) => onKeyDown(event, card)}
      role="listitem"
      style={{
        background: 'var(--theme-elevation-0)',
        border: `1px solid ${pendingTarget ? 'var(--theme-success-500)' : 'var(--theme-elevation-150)'}`,
        borderRadius: 4,
        cursor: 'grab',
        marginBottom: 8,
        opacity: isDragging ? 0.4 : 1,
        padding: '8px 10px',
        touchAction: 'none',
      }}
      tabIndex={0}
    >
      <a href={`${adminRoute}/collections/${dealsSlug}/${card.id}`} style={{ fontWeight: 600 }}>
        {card.title}
      </a>
      <div>{formatMoney(card.value, card.currency)}</div>
      <div style={{ color: 'var(--theme-elevation-600)', fontSize: 12 }}>
        {card.contactLabel ?? 'No contact'}
        {card.contactCount > 1 ? ` +${card.contactCount - 1}` : ''} ·{' '}
        {card.ownerLabel ?? 'Unassigned'}
      </div>
      {pendingTarget ? (
        <div role="status" style={{ fontSize: 12 }}>
          Press Enter to move to {pendingTarget}, Escape to cancel
        </div>
      ) : null}
      <div
        onPointerDown={(event) => event.stopPropagation()}
        style={{ display: 'flex', gap: 4, justifyContent: 'flex-end', marginTop: 4 }}
      >
        {previousStage ? (
          <Button
            aria-label={`Move to ${previousStage.name}`}
            buttonStyle="subtle"
            margin={false}
            onClick={() => onMove(card, previousStage.stageId)}
            size="xsmall"
          >
            ←
          </Button>
        ) : null}
        {nextStage ? (
          <Button
            aria-label={`Move to ${nextStage.name}`}
            buttonStyle="subtle"
            margin={false}
            onClick={() => onMove(card, nextStage.stageId)}
            size="xsmall"
          >
            →
          </Button>
        ) : null}
      </div>
    </article>
  )
}

'use client'
import { Button, Pill } from '@payloadcms/ui'
import { useState } from 'react'

import type { ListMember } from '../../lists/listMembers.js'

const statusStyle = {
  pending: 'warning',
  subscribed: 'success',
  unsubscribed: 'light-gray',
} as const

const localTime = (iso: null | string) => (iso ? new Date(iso).toLocaleString() : null)

/** One member: address, name, status with its date, consent time, and a two-step remove. */
export const MemberRow = ({
  contactHref,
  member,
  onRemove,
}: {
  contactHref: string
  member: ListMember
  onRemove: (member: ListMember) => Promise<void>
}) => {
  const [confirming, setConfirming] = useState(false)
  const since =
    member.status === 'subscribed'
      ? member.subscribedAt
      : member.status === 'pending'
        ? member.pendingAt
        : member.unsubscribedAt
  return (
    <li
      data-testid="list-member"
      style={{
        alignItems: 'center',
        borderTop: '1px solid var(--theme-elevation-100)',
        display: 'flex',
        flexWrap: 'wrap',
        gap: 'calc(var(--base) * 0.5)',
        justifyContent: 'space-between',
        padding: 'calc(var(--base) * 0.4) 0',
      }}
    >
      <div style={{ minWidth: 0 }}>
        <a
          href={contactHref}
          style={{ color: 'var(--theme-text)', fontWeight: 600, overflowWrap: 'anywhere' }}
        >
          {member.email}
        </a>
        {member.name ? (
          <span style={{ color: 'var(--theme-elevation-600)' }}> · {member.name}</span>
        ) : null}
        <div style={{ color: 'var(--theme-elevation-600)', fontSize: 12 }}>
          {since ? `${member.status} since ${localTime(since)}` : member.status}
          {member.consentAt
            ? ` · consent ${localTime(member.consentAt)}`
            : ' · no consent recorded'}
          {member.contactStatus !== 'active' ? ` · contact ${member.contactStatus}` : ''}
        </div>
      </div>
      <div style={{ alignItems: 'center', display: 'flex', gap: 8 }}>
        <Pill pillStyle={statusStyle[member.status]} size="small">
          {member.status}
        </Pill>
        {member.status === 'unsubscribed' ? null : confirming ? (
          <>
            <Button
              buttonStyle="error"
              margin={false}
              onClick={() => void onRemove(member)}
              size="small"
            >
              Confirm remove
            </Button>
            <Button
              buttonStyle="secondary"
              margin={false}
              onClick={() => setConfirming(false)}
              size="small"
            >
              Keep
            </Button>
          </>
        ) : (
          <Button
            buttonStyle="secondary"
            margin={false}
            onClick={() => setConfirming(true)}
            size="small"
          >
            Remove
          </Button>
        )}
      </div>
    </li>
  )
}

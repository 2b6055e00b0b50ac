'use client'

import { formatCount } from './campaignApi.js'

type Part = { contacts: number; id: number; name: string }

export type AudienceBreakdownData = {
  excludedLists: Part[]
  excludedSegments: Part[]
  lists: Part[]
  matching: number
  recipients: number
  segment: null | Part
}

const contacts = (count: number) => `${formatCount(count)} ${count === 1 ? 'contact' : 'contacts'}`

/** "Goes to 3,000 contacts", then each list, the segment and what each exclusion removes. */
export const AudienceBreakdownView = ({ audience }: { audience: AudienceBreakdownData }) => {
  const rows: { key: string; label: string; value: string }[] = [
    ...audience.lists.map((part) => ({
      key: `list-${part.id}`,
      label: `List "${part.name}"`,
      value: `${contacts(part.contacts)} subscribed`,
    })),
    ...(audience.segment
      ? [
          {
            key: `segment-${audience.segment.id}`,
            label: `Segment "${audience.segment.name}"`,
            value: `${contacts(audience.segment.contacts)} match`,
          },
        ]
      : []),
    ...audience.excludedLists.map((part) => ({
      key: `excluded-list-${part.id}`,
      label: `Excluding list "${part.name}"`,
      value: `${formatCount(part.contacts)} removed`,
    })),
    ...audience.excludedSegments.map((part) => ({
      key: `excluded-segment-${part.id}`,
      label: `Excluding segment "${part.name}"`,
      value: `${formatCount(part.contacts)} removed`,
    })),
  ]
  return (
    <div>
      <p style={{ fontSize: 'calc(var(--base) * 0.9)', margin: '0 0 8px' }}>
        Goes to{' '}
        <strong data-recipients={audience.recipients} data-testid="review-recipients">
          {contacts(audience.recipients)}
        </strong>
        {audience.lists.length > 0 && audience.segment ? ' on the lists and in the segment' : ''}.
      </p>
      <ul data-testid="review-breakdown" style={{ margin: 0, paddingLeft: 20 }}>
        {rows.map((row) => (
          <li data-testid="review-breakdown-row" key={row.key} style={{ overflowWrap: 'anywhere' }}>
            {row.label}: {row.value}
          </li>
        ))}
        {(audience.excludedLists.length > 0 || audience.excludedSegments.length > 0) && (
          <li>Before exclusions: {contacts(audience.matching)}</li>
        )}
      </ul>
      <small>
        Active contacts only; pending and unsubscribed ones are left out. Someone on several lists
        gets one email.
      </small>
    </div>
  )
}

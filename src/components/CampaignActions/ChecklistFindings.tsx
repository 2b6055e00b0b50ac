'use client'

import { Banner, Pill } from '@payloadcms/ui'

export type ChecklistFindingView = {
  code: string
  field?: string
  level: 'blocking' | 'warning'
  message: string
}

export type ChecklistView = { blocking: boolean; findings: ChecklistFindingView[] }

/** The pre-send checklist: blocking items first (they stop the send), then warnings (they inform). */
export const ChecklistFindings = ({ checklist }: { checklist: ChecklistView }) => {
  const ordered = [...checklist.findings].sort((a, b) =>
    a.level === b.level ? 0 : a.level === 'blocking' ? -1 : 1,
  )
  return (
    <div data-testid="campaign-checklist">
      {ordered.length === 0 && (
        <Banner type="success">The pre-send checklist found nothing to fix.</Banner>
      )}
      {ordered.map((finding) => (
        <div
          data-code={finding.code}
          data-level={finding.level}
          data-testid="checklist-finding"
          key={`${finding.code}:${finding.message}`}
        >
          <Banner type={finding.level === 'blocking' ? 'error' : 'warning'}>
            <Pill pillStyle={finding.level === 'blocking' ? 'error' : 'warning'} size="small">
              {finding.level === 'blocking' ? 'Blocking' : 'Warning'}
            </Pill>{' '}
            {finding.message}
          </Banner>
        </div>
      ))}
      {checklist.blocking && (
        <p>Fix the blocking items, save the campaign, and open the review again.</p>
      )}
    </div>
  )
}

'use client'

import { Banner, Button, Pill } from '@payloadcms/ui'

export type ChecklistFindingView = {
  code: string
  field?: string
  level: 'blocking' | 'warning'
  message: string
}

export type ChecklistView = {
  blocking: boolean
  findings: ChecklistFindingView[]
  recipients: number
}

/**
 * The send/schedule confirmation: what the campaign will reach and the pre-send checklist's
 * findings. Blocking findings disable the confirm button; warnings only inform.
 */
export const SendConfirmation = ({
  checklist,
  onCancel,
  onConfirm,
  question,
}: {
  checklist: ChecklistView
  onCancel: () => void
  onConfirm: () => void
  question: string
}) => {
  const ordered = [...checklist.findings].sort((a, b) =>
    a.level === b.level ? 0 : a.level === 'blocking' ? -1 : 1,
  )
  return (
    <div
      data-testid="campaign-checklist"
      role="dialog"
      aria-label="Confirm sending"
      style={{ borderTop: '1px solid var(--theme-elevation-150)', marginTop: 12, paddingTop: 12 }}
    >
      <p data-testid="campaign-confirm-question">
        <strong>{question}</strong>
      </p>
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
      {checklist.blocking && <p>Fix the blocking items above, save, and try again.</p>}
      <div style={{ display: 'flex', gap: 8 }}>
        <Button
          disabled={checklist.blocking}
          id="campaign-confirm"
          onClick={onConfirm}
          size="small"
        >
          Confirm
        </Button>
        <Button
          buttonStyle="secondary"
          id="campaign-confirm-cancel"
          onClick={onCancel}
          size="small"
        >
          Back
        </Button>
      </div>
    </div>
  )
}

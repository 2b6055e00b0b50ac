'use client'

import {
  Banner,
  Button,
  ConfirmationModal,
  toast,
  useConfig,
  useDocumentInfo,
  useFormFields,
  useModal,
} from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import { useCallback, useEffect, useState } from 'react'

import {
  callCampaign,
  type CampaignReportView,
  formatCount,
  type PickedContact,
} from './campaignApi.js'
import { CampaignPreview } from './CampaignPreview.js'
import { CampaignProgress } from './CampaignProgress.js'
import { CampaignStatsPanel } from './CampaignStatsPanel.js'
import { ContactPicker } from './ContactPicker.js'
import { ReviewAndSend, reviewDrawerSlug } from './ReviewAndSend.js'
import { TestSend } from './TestSend.js'

const cancelModalSlug = 'campaign-cancel-confirmation'

const live = ['scheduled', 'sending', 'paused']

const statusLabels: Record<string, string> = {
  cancelled: 'Cancelled',
  draft: 'Draft',
  paused: 'Paused',
  scheduled: 'Scheduled',
  sending: 'Sending',
  sent: 'Sent',
}

const emails = (count: number) => `${formatCount(count)} ${count === 1 ? 'email' : 'emails'}`

/** What each action did, in the editor's words. */
const doneMessage: Record<string, (result: Record<string, unknown>) => string> = {
  cancel: (result) => `Cancelled: ${emails(Number(result.cancelled ?? 0))} will not be sent.`,
  duplicate: () => 'Duplicated: opening the copy.',
  pause: (result) => `Paused: ${emails(Number(result.held ?? 0))} on hold.`,
  resume: (result) => `Sending again: ${emails(Number(result.requeued ?? 0))} back in the queue.`,
  unschedule: () => 'Unscheduled: the campaign is a draft again.',
}

type CampaignActionsProps = { contactsSlug?: string }

/**
 * The campaign's panel: status and progress in words, "Review and send" (the only way to send or
 * schedule), pause, resume, cancel, duplicate, and the composer's tools: a contact to preview and
 * test as, the preview, and test sends. Every button calls the REST endpoint backed by the same
 * service the tests call.
 */
export const CampaignActions = ({ contactsSlug = 'contacts' }: CampaignActionsProps) => {
  const { collectionSlug, id } = useDocumentInfo()
  const { config } = useConfig()
  const { openModal } = useModal()
  const router = useRouter()
  const apiRoute = config.routes.api
  const formStatus = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const pausedReason = useFormFields(
    ([fields]) => fields.pausedReason?.value as null | string | undefined,
  )
  const [report, setReport] = useState<CampaignReportView | null>(null)
  const [error, setError] = useState<null | string>(null)
  const [contact, setContact] = useState<null | PickedContact>(null)
  const status = report?.status ?? formStatus ?? 'draft'

  const refresh = useCallback(async () => {
    if (!id) return
    try {
      setReport(await callCampaign<CampaignReportView>(apiRoute, id, 'stats'))
    } catch (problem) {
      setError((problem as Error).message)
    }
  }, [apiRoute, id])

  useEffect(() => {
    void refresh()
    if (!live.includes(status)) return
    const timer = setInterval(() => void refresh(), 1500)
    return () => clearInterval(timer)
  }, [refresh, status])

  if (!id) return <p>Save the campaign to preview, test and send it.</p>

  const afterChange = async () => {
    router.refresh()
    await refresh()
  }

  const run = async (action: string) => {
    setError(null)
    try {
      const result = await callCampaign<Record<string, unknown>>(apiRoute, id, action, { body: {} })
      toast.success(doneMessage[action]?.(result ?? {}) ?? 'Done.')
      if (action === 'duplicate' && result.id)
        router.push(`${config.routes.admin}/collections/${collectionSlug}/${String(result.id)}`)
      else await afterChange()
    } catch (problem) {
      setError((problem as Error).message)
      toast.error((problem as Error).message)
    }
  }

  const showProgress = report && report.recipients > 0
  return (
    <div
      className="campaign-actions"
      style={{
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: 4,
        marginBottom: 24,
        maxWidth: '100%',
        padding: 16,
      }}
    >
      <p style={{ marginTop: 0 }}>
        Status:{' '}
        <strong data-status={status} data-testid="campaign-status">
          {statusLabels[status] ?? status}
        </strong>
      </p>
      {status === 'paused' && pausedReason && (
        <div data-testid="campaign-paused-reason">
          <Banner type="error">Paused: {pausedReason}</Banner>
        </div>
      )}
      {status !== 'draft' && status !== 'scheduled' && (
        <p>What was sent is read-only; use "Duplicate" to send a changed copy.</p>
      )}
      {status === 'scheduled' && <p>Scheduled campaigns are read-only; unschedule to edit.</p>}
      {error && (
        <div data-testid="campaign-error" role="alert">
          <Banner type="error">{error}</Banner>
        </div>
      )}
      {showProgress && <CampaignProgress report={report} />}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {(status === 'draft' || status === 'scheduled') && (
          <Button
            id="campaign-review-open"
            margin={false}
            onClick={() => openModal(reviewDrawerSlug)}
            size="small"
          >
            Review and send
          </Button>
        )}
        {status === 'scheduled' && (
          <Button
            buttonStyle="secondary"
            id="campaign-unschedule"
            margin={false}
            onClick={() => void run('unschedule')}
            size="small"
          >
            Unschedule
          </Button>
        )}
        {status === 'sending' && (
          <Button
            buttonStyle="secondary"
            id="campaign-pause"
            margin={false}
            onClick={() => void run('pause')}
            size="small"
          >
            Pause
          </Button>
        )}
        {status === 'paused' && (
          <Button
            id="campaign-resume"
            margin={false}
            onClick={() => void run('resume')}
            size="small"
          >
            Resume
          </Button>
        )}
        {['draft', 'scheduled', 'sending', 'paused'].includes(status) && (
          <Button
            buttonStyle="error"
            id="campaign-cancel"
            margin={false}
            onClick={() => openModal(cancelModalSlug)}
            size="small"
          >
            Cancel campaign
          </Button>
        )}
        <Button
          buttonStyle="secondary"
          id="campaign-duplicate"
          margin={false}
          onClick={() => void run('duplicate')}
          size="small"
        >
          Duplicate
        </Button>
      </div>
      <div
        style={{
          borderTop: '1px solid var(--theme-elevation-150)',
          display: 'flex',
          flexDirection: 'column',
          gap: 12,
          marginTop: 16,
          paddingTop: 16,
        }}
      >
        <ContactPicker
          apiRoute={apiRoute}
          contactsSlug={contactsSlug}
          onChange={setContact}
          onError={setError}
          value={contact}
        />
        <CampaignPreview apiRoute={apiRoute} contact={contact} id={id} onError={setError} />
        <TestSend apiRoute={apiRoute} contact={contact} id={id} onError={setError} />
      </div>
      <ConfirmationModal
        body="Nothing more of this campaign will be sent, and it cannot be sent again (duplicate it to send a copy)."
        cancelLabel="Keep it"
        confirmLabel="Cancel campaign"
        heading="Cancel this campaign for good?"
        modalSlug={cancelModalSlug}
        onConfirm={() => run('cancel')}
      />
      <ReviewAndSend
        apiRoute={apiRoute}
        contact={contact}
        id={id}
        onDone={() => void afterChange()}
      />
      {report &&
        (status === 'sent' ||
          status === 'cancelled' ||
          (status === 'sending' && report.sent > 0)) && <CampaignStatsPanel report={report} />}
    </div>
  )
}

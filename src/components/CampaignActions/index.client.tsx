'use client'

import { Banner, Button, toast, useConfig, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import { useCallback, useEffect, useState } from 'react'

import { callCampaign, type CampaignReportView } from './campaignApi.js'
import { CampaignPreview } from './CampaignPreview.js'
import { CampaignProgress } from './CampaignProgress.js'
import { CampaignStatsPanel } from './CampaignStatsPanel.js'
import { type ChecklistView, SendConfirmation } from './SendConfirmation.js'

const live = ['scheduled', 'sending', 'paused']

type Confirming = {
  action: 'schedule' | 'send'
  body: unknown
  checklist: ChecklistView
  question: (count: number) => string
}

/**
 * The campaign's actions (preview, test, schedule, send now, pause, resume, cancel, duplicate),
 * the live progress bar while sending and the stats panel after. Every button calls the REST
 * endpoint backed by the same service the tests call; "Send now" and "Schedule" first show the
 * pre-send checklist with the count, and blocking findings disable the confirmation.
 */
export const CampaignActions = () => {
  const { collectionSlug, id } = useDocumentInfo()
  const { config } = useConfig()
  const router = useRouter()
  const apiRoute = config.routes.api
  const formStatus = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const pausedReason = useFormFields(
    ([fields]) => fields.pausedReason?.value as null | string | undefined,
  )
  const [confirming, setConfirming] = useState<Confirming | null>(null)
  const [report, setReport] = useState<CampaignReportView | null>(null)
  const [error, setError] = useState<null | string>(null)
  const [testAddresses, setTestAddresses] = useState('')
  const [scheduleAt, setScheduleAt] = useState('')
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

  const run = async (
    action: string,
    body: unknown = {},
    confirmText?: (count: number) => string,
  ) => {
    setError(null)
    try {
      if (confirmText) {
        const { recipients } = await callCampaign<{ recipients: number }>(apiRoute, id, 'audience')
        if (!window.confirm(confirmText(recipients))) return
      }
      const result = await callCampaign<Record<string, unknown>>(apiRoute, id, action, { body })
      toast.success(`Campaign: ${action} done.`)
      if (action === 'duplicate' && result.id)
        router.push(`${config.routes.admin}/collections/${collectionSlug}/${String(result.id)}`)
      else router.refresh()
      await refresh()
    } catch (problem) {
      setError((problem as Error).message)
      toast.error((problem as Error).message)
    }
  }

  const confirmSend = async (
    action: Confirming['action'],
    body: unknown,
    question: Confirming['question'],
  ) => {
    setError(null)
    try {
      setConfirming({
        action,
        body,
        checklist: await callCampaign<ChecklistView>(apiRoute, id, 'checklist'),
        question,
      })
    } catch (problem) {
      setError((problem as Error).message)
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
        padding: 16,
      }}
    >
      <p>
        Status: <strong data-testid="campaign-status">{status}</strong>
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
        <div
          data-testid="campaign-error"
          role="alert"
          style={{ color: 'var(--theme-error-500)', marginBottom: 8 }}
        >
          {error}
        </div>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {(status === 'draft' || status === 'scheduled') && (
          <Button
            id="campaign-send-now"
            onClick={() =>
              void confirmSend(
                'send',
                {},
                (count) => `Send this campaign now to ${count.toLocaleString()} contacts?`,
              )
            }
            size="small"
          >
            Send now
          </Button>
        )}
        {status === 'scheduled' && (
          <Button
            buttonStyle="secondary"
            id="campaign-unschedule"
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
            onClick={() => void run('pause')}
            size="small"
          >
            Pause
          </Button>
        )}
        {status === 'paused' && (
          <Button id="campaign-resume" onClick={() => void run('resume')} size="small">
            Resume
          </Button>
        )}
        {['draft', 'scheduled', 'sending', 'paused'].includes(status) && (
          <Button
            buttonStyle="error"
            id="campaign-cancel"
            onClick={() =>
              void run(
                'cancel',
                {},
                (count) =>
                  `Cancel this campaign for good? (${count.toLocaleString()} contacts in the audience)`,
              )
            }
            size="small"
          >
            Cancel
          </Button>
        )}
        <Button
          buttonStyle="secondary"
          id="campaign-duplicate"
          onClick={() => void run('duplicate')}
          size="small"
        >
          Duplicate
        </Button>
      </div>
      {status === 'draft' && (
        <div style={{ alignItems: 'center', display: 'flex', gap: 8, marginTop: 8 }}>
          <label htmlFor="campaign-schedule-at">Send at (your time zone)</label>
          <input
            id="campaign-schedule-at"
            onChange={(event) => setScheduleAt(event.target.value)}
            step={1}
            type="datetime-local"
            value={scheduleAt}
          />
          <Button
            disabled={!scheduleAt}
            id="campaign-schedule"
            onClick={() =>
              void confirmSend(
                'schedule',
                { at: new Date(scheduleAt).toISOString() },
                (count) =>
                  `Schedule this campaign for ${new Date(scheduleAt).toLocaleString()} to ${count.toLocaleString()} contacts?`,
              )
            }
            size="small"
          >
            Schedule
          </Button>
        </div>
      )}
      {confirming && (
        <SendConfirmation
          checklist={confirming.checklist}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null)
            void run(confirming.action, confirming.body)
          }}
          question={confirming.question(confirming.checklist.recipients)}
        />
      )}
      <div style={{ alignItems: 'center', display: 'flex', gap: 8, marginTop: 8 }}>
        <input
          aria-label="Test addresses"
          id="campaign-test-addresses"
          onChange={(event) => setTestAddresses(event.target.value)}
          placeholder="test@example.com, other@example.com"
          style={{ flex: 1 }}
          value={testAddresses}
        />
        <Button
          buttonStyle="secondary"
          disabled={!testAddresses}
          id="campaign-send-test"
          onClick={() => void run('test', { addresses: testAddresses })}
          size="small"
        >
          Send test
        </Button>
      </div>
      <CampaignPreview apiRoute={apiRoute} id={id} onError={setError} />
      {showProgress && <CampaignProgress report={report} />}
      {report &&
        (status === 'sent' ||
          status === 'cancelled' ||
          (status === 'sending' && report.sent > 0)) && <CampaignStatsPanel report={report} />}
    </div>
  )
}

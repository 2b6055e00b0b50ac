'use client'

import type { ChangeEvent } from 'react'

import {
  Banner,
  Button,
  Drawer,
  SelectInput,
  TextInput,
  toast,
  useFormModified,
  useModal,
} from '@payloadcms/ui'
import { DateTime } from 'luxon'
import { useCallback, useEffect, useMemo, useState } from 'react'

import { type AudienceBreakdownData, AudienceBreakdownView } from './AudienceBreakdownView.js'
import { callCampaign, formatCount, type PickedContact } from './campaignApi.js'
import { PreviewFrame, useCampaignPreview } from './CampaignPreview.js'
import { ChecklistFindings, type ChecklistView } from './ChecklistFindings.js'
import { browserTimeZone, describeInstant, scheduleInstant, timeZones } from './scheduleTime.js'

export const reviewDrawerSlug = 'campaign-review-and-send'

type Review = {
  audience: AudienceBreakdownData
  checklist: ChecklistView
  layout: { id: number; name: string } | null
  preheader: null | string
  replyTo: null | string
  sender: { address: string; name: null | string }
  subject: string
}

const Fact = ({ label, testId, value }: { label: string; testId: string; value: string }) => (
  <div style={{ marginBottom: 8 }}>
    <div style={{ color: 'var(--theme-elevation-500)', fontSize: 12 }}>{label}</div>
    <div data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
      {value}
    </div>
  </div>
)

const section = { borderTop: '1px solid var(--theme-elevation-150)', padding: '16px 0' } as const

/**
 * The only place a campaign is sent or scheduled: the saved campaign's audience with its
 * breakdown, sender, subject, preheader, layout, the email as the picked contact gets it, the
 * pre-send checklist, then "Send now" or "Schedule" in a chosen time zone. The server runs the
 * same checklist again and refuses what blocks.
 */
export const ReviewAndSend = ({
  apiRoute,
  contact,
  id,
  onDone,
}: {
  apiRoute: string
  contact: null | PickedContact
  id: number | string
  onDone: () => void
}) => {
  const { closeModal, isModalOpen } = useModal()
  const open = isModalOpen(reviewDrawerSlug)
  const modified = useFormModified()
  const [review, setReview] = useState<null | Review>(null)
  const [problem, setProblem] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)
  const [date, setDate] = useState(() => DateTime.now().plus({ days: 1 }).toISODate() ?? '')
  const [time, setTime] = useState('09:00')
  const [zone, setZone] = useState(browserTimeZone)
  const zoneOptions = useMemo(() => timeZones().map((name) => ({ label: name, value: name })), [])
  const { load: loadPreview, preview } = useCampaignPreview(apiRoute, id, contact, setProblem)

  const load = useCallback(async () => {
    setProblem(null)
    setReview(null)
    try {
      setReview(await callCampaign<Review>(apiRoute, id, 'review'))
      await loadPreview()
    } catch (error) {
      setProblem((error as Error).message)
    }
  }, [apiRoute, id, loadPreview])

  useEffect(() => {
    if (open) void load()
  }, [load, open])

  const schedule = scheduleInstant(date, time, zone)
  const blocked = !review || review.checklist.blocking || modified || busy

  const act = async (action: 'schedule' | 'send') => {
    if (!review) return
    setBusy(true)
    setProblem(null)
    try {
      const recipients = `${formatCount(review.audience.recipients)} recipients`
      if (action === 'send') {
        await callCampaign(apiRoute, id, 'send', { body: {} })
        toast.success(`Sending started: ${recipients}.`)
      } else {
        if (!('at' in schedule)) throw new Error(schedule.problem)
        await callCampaign(apiRoute, id, 'schedule', {
          body: { at: schedule.at.toISO(), timeZone: zone },
        })
        toast.success(`Scheduled for ${describeInstant(schedule.at)}: ${recipients}.`)
      }
      closeModal(reviewDrawerSlug)
      onDone()
    } catch (error) {
      setProblem((error as Error).message)
      toast.error((error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Drawer slug={reviewDrawerSlug} title="Review and send">
      <div data-testid="campaign-review" style={{ maxWidth: 760 }}>
        {modified && (
          <Banner type="warning">
            You have unsaved changes. Save the campaign first: the review shows, and sends, what is
            saved.
          </Banner>
        )}
        {problem && (
          <div data-testid="campaign-review-error" role="alert">
            <Banner type="error">{problem}</Banner>
          </div>
        )}
        {!review && !problem && <p>Loading the review…</p>}
        {review && (
          <>
            <div style={section}>
              <h4 style={{ marginTop: 0 }}>Audience</h4>
              <AudienceBreakdownView audience={review.audience} />
            </div>
            <div style={section}>
              <h4 style={{ marginTop: 0 }}>Email</h4>
              <Fact
                label="From"
                testId="review-sender"
                value={
                  review.sender.name
                    ? `${review.sender.name} <${review.sender.address}>`
                    : review.sender.address || 'No sender address'
                }
              />
              {review.replyTo && (
                <Fact label="Reply to" testId="review-reply-to" value={review.replyTo} />
              )}
              <Fact label="Subject" testId="review-subject" value={review.subject} />
              <Fact
                label="Preheader"
                testId="review-preheader"
                value={review.preheader || 'None'}
              />
              <Fact
                label="Layout"
                testId="review-layout"
                value={review.layout?.name ?? 'No marketing layout'}
              />
            </div>
            <div style={section}>
              <h4 style={{ marginTop: 0 }}>
                Preview {contact ? `as ${contact.email}` : 'with a sample contact'}
              </h4>
              {!contact && (
                <p
                  data-testid="review-sample-note"
                  style={{ color: 'var(--theme-elevation-500)', marginTop: 0 }}
                >
                  The sample contact has only an email address, so a merge tag without a default
                  (such as a first name) shows empty here, as it will for contacts without one. To
                  see a real contact&apos;s email, close this and choose them in “Preview as
                  contact”.
                </p>
              )}
              {preview && <PreviewFrame preview={preview} />}
            </div>
            <div style={section}>
              <h4 style={{ marginTop: 0 }}>Pre-send checklist</h4>
              <ChecklistFindings checklist={review.checklist} />
            </div>
            <div style={section}>
              <h4 style={{ marginTop: 0 }}>Send now</h4>
              <Button
                disabled={blocked}
                id="campaign-send-now"
                margin={false}
                onClick={() => void act('send')}
              >
                Send now to {formatCount(review.audience.recipients)} recipients
              </Button>
            </div>
            <div style={section}>
              <h4 style={{ marginTop: 0 }}>Or schedule</h4>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
                <div style={{ flex: '1 1 140px' }}>
                  <TextInput
                    label="Date"
                    onChange={(event: ChangeEvent<HTMLInputElement>) => setDate(event.target.value)}
                    path="campaignScheduleDate"
                    placeholder="YYYY-MM-DD"
                    value={date}
                  />
                </div>
                <div style={{ flex: '1 1 100px' }}>
                  <TextInput
                    label="Time (24 h)"
                    onChange={(event: ChangeEvent<HTMLInputElement>) => setTime(event.target.value)}
                    path="campaignScheduleTime"
                    placeholder="09:00"
                    value={time}
                  />
                </div>
                <div style={{ flex: '2 1 220px' }}>
                  <SelectInput
                    label="Time zone"
                    name="campaignScheduleZone"
                    onChange={(option) => {
                      const chosen = Array.isArray(option) ? option[0] : option
                      if (chosen?.value) setZone(String(chosen.value))
                    }}
                    options={zoneOptions}
                    path="campaignScheduleZone"
                    value={zone}
                  />
                </div>
              </div>
              <p data-testid="campaign-schedule-when">
                {'at' in schedule ? `Goes out ${describeInstant(schedule.at)}.` : schedule.problem}
              </p>
              <Button
                buttonStyle="secondary"
                disabled={blocked || !('at' in schedule)}
                id="campaign-schedule"
                margin={false}
                onClick={() => void act('schedule')}
              >
                Schedule
              </Button>
            </div>
          </>
        )}
      </div>
    </Drawer>
  )
}

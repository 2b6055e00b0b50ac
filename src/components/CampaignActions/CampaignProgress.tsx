'use client'

import { useFormFields } from '@payloadcms/ui'

import { type CampaignReportView, formatCount } from './campaignApi.js'

const metricLabels: Record<string, string> = { click: 'click rate', open: 'open rate' }

const percentText = (value: number | undefined) => `${((value ?? 0) * 100).toFixed(1)} %`

/** "Variant B won on open rate, 24.1 % vs 19.8 %" (against the runner-up), or where the test stands. */
const abTestLine = (report: CampaignReportView, metric: string): null | string => {
  if (report.variants.length < 2) return null
  const key = metric === 'click' ? 'click' : 'open'
  if (report.winner !== null) {
    const winner = report.variants.find((variant) => variant.variant === report.winner)
    const others = report.variants
      .filter((variant) => variant.variant !== report.winner)
      .map((variant) => variant.rates[key] ?? 0)
    if (!winner) return null
    return `Variant ${winner.label} won on ${metricLabels[key]}, ${percentText(winner.rates[key])} vs ${percentText(Math.max(...others))}.`
  }
  if (report.phase === 'waiting')
    return 'A/B test sent; the winner goes to the rest of the audience after the wait.'
  if (report.phase === 'test') return 'A/B test: sending the variants to the test group.'
  return null
}

/**
 * Where the send stands, in words and as a bar: "Sending: 41,200 of 100,000" (the total grows while
 * recipients are still being added), then "Sent: 100,000 of 100,000", plus the A/B test's state.
 */
export const CampaignProgress = ({ report }: { report: CampaignReportView }) => {
  const metric = useFormFields(
    ([fields]) => fields['abTest.winnerMetric']?.value as string | undefined,
  )
  const total = report.recipients
  const done = total - report.pending
  const value = total > 0 ? Math.floor((done / total) * 100) : 0
  const finished = report.status === 'sent' || report.status === 'cancelled'
  const adding = ['all', 'test', 'remainder'].includes(report.phase) && !finished
  const verb =
    report.status === 'sending' ? 'Sending' : report.status === 'paused' ? 'Paused' : 'Sent'
  const ab = abTestLine(report, metric ?? 'open')
  return (
    <div data-testid="campaign-summary" style={{ margin: '0 0 12px' }}>
      <div
        aria-label="Sending progress"
        aria-valuemax={100}
        aria-valuemin={0}
        aria-valuenow={value}
        data-testid="campaign-progress"
        role="progressbar"
        style={{
          background: 'var(--theme-elevation-100)',
          borderRadius: 4,
          height: 12,
          overflow: 'hidden',
        }}
      >
        <div
          style={{
            background: 'var(--theme-success-500)',
            height: '100%',
            transition: 'width .4s',
            width: `${value}%`,
          }}
        />
      </div>
      <p data-testid="campaign-progress-label" style={{ margin: '4px 0 0' }}>
        {verb}: {formatCount(done)} of {formatCount(total)}
        {adding ? ' (still adding recipients)' : ''}
      </p>
      {ab && (
        <p data-testid="campaign-ab-summary" style={{ margin: '4px 0 0' }}>
          {ab}
        </p>
      )}
    </div>
  )
}

'use client'

import type { CampaignReportView } from './campaignApi.js'

/** Sent / total while a campaign goes out; total grows while the fan-out is still running. */
export const CampaignProgress = ({ report }: { report: CampaignReportView }) => {
  const total = report.recipients
  const done = total - report.pending
  const value = total > 0 ? Math.floor((done / total) * 100) : 0
  return (
    <div style={{ margin: '12px 0' }}>
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
      <small data-testid="campaign-progress-label">
        {done.toLocaleString()} / {total.toLocaleString()} sent ({value}%)
        {report.phase === 'waiting' ? ' · A/B test running, waiting for the winner' : ''}
      </small>
    </div>
  )
}

'use client'

import { type CampaignReportView, percent } from './campaignApi.js'

const metrics = [
  'recipients',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'complained',
  'unsubscribed',
] as const
const rateOf: Record<string, string> = {
  bounced: 'bounce',
  clicked: 'click',
  complained: 'complaint',
  delivered: 'delivery',
  opened: 'open',
  unsubscribed: 'unsubscribe',
}

/** Opens and clicks per hour as two SVG polylines. */
const EngagementChart = ({ timeline }: { timeline: CampaignReportView['timeline'] }) => {
  if (timeline.length === 0) return <p>No opens or clicks yet.</p>
  const width = 560
  const height = 140
  const max = Math.max(1, ...timeline.map((point) => Math.max(point.opens, point.clicks)))
  const x = (index: number) =>
    timeline.length === 1 ? width / 2 : (index / (timeline.length - 1)) * (width - 20) + 10
  const y = (value: number) => height - 10 - (value / max) * (height - 20)
  const line = (key: 'clicks' | 'opens') =>
    timeline.map((point, index) => `${x(index)},${y(point[key])}`).join(' ')
  return (
    <svg
      aria-label="Opens and clicks over time"
      data-testid="campaign-chart"
      role="img"
      style={{ maxWidth: '100%' }}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
    >
      <polyline fill="none" points={line('opens')} stroke="#2563eb" strokeWidth={2} />
      <polyline fill="none" points={line('clicks')} stroke="#16a34a" strokeWidth={2} />
      {timeline.map((point, index) => (
        <circle cx={x(index)} cy={y(point.opens)} fill="#2563eb" key={point.at} r={3}>
          <title>{`${point.at}: ${point.opens} opens, ${point.clicks} clicks`}</title>
        </circle>
      ))}
    </svg>
  )
}

/** Counts and rates, per variant for A/B tests, the engagement chart and the most clicked links. */
export const CampaignStatsPanel = ({ report }: { report: CampaignReportView }) => (
  <div data-testid="campaign-stats">
    <table style={{ borderCollapse: 'collapse', width: '100%' }}>
      <tbody>
        {metrics.map((metric) => (
          <tr key={metric}>
            <th style={{ textAlign: 'left' }}>{metric[0].toUpperCase() + metric.slice(1)}</th>
            <td data-testid={`stat-${metric}`}>{Number(report[metric] ?? 0).toLocaleString()}</td>
            <td>{rateOf[metric] ? percent(report.rates[rateOf[metric]] ?? 0) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
    {report.variants.length > 1 && (
      <table data-testid="campaign-variants" style={{ marginTop: 12, width: '100%' }}>
        <thead>
          <tr>
            <th>Variant</th>
            <th>Recipients</th>
            <th>Sent</th>
            <th>Open rate</th>
            <th>Click rate</th>
          </tr>
        </thead>
        <tbody>
          {report.variants.map((variant) => (
            <tr key={variant.variant}>
              <td>
                {variant.label}
                {report.winner === variant.variant ? ' (winner)' : ''}
              </td>
              <td>{variant.recipients}</td>
              <td>{variant.sent}</td>
              <td>{percent(variant.rates.open ?? 0)}</td>
              <td>{percent(variant.rates.click ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    <h4>Opens and clicks over time</h4>
    <EngagementChart timeline={report.timeline} />
    <h4>Most clicked links</h4>
    {report.topLinks.length === 0 ? (
      <p>No clicks yet.</p>
    ) : (
      <table data-testid="campaign-links">
        <tbody>
          {report.topLinks.map((link) => (
            <tr key={link.url}>
              <td style={{ wordBreak: 'break-all' }}>{link.url}</td>
              <td>{link.clicks}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </div>
)

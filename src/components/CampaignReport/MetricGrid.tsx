'use client'

import { type Metric, type MetricName, metricNames, percent } from './reportApi.js'

const labels: Record<MetricName, string> = {
  bounced: 'Bounced',
  clicked: 'Clicked',
  complained: 'Complained',
  delivered: 'Delivered',
  opened: 'Opened',
  unsubscribed: 'Unsubscribed',
}

const card = {
  background: 'var(--theme-elevation-50)',
  border: '1px solid var(--theme-elevation-100)',
  borderRadius: 'var(--style-radius-m, 4px)',
  padding: 'calc(var(--base) * 0.75)',
}

const muted = { color: 'var(--theme-elevation-500)', fontSize: 12 }

/** Each metric as unique recipients and total events, both as counts and as a share of sent emails. */
export const MetricGrid = ({
  metrics,
  sent,
}: {
  metrics: Record<MetricName, Metric>
  sent: number
}) => (
  <div
    data-testid="report-metrics"
    style={{
      display: 'grid',
      gap: 'calc(var(--base) * 0.5)',
      gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
    }}
  >
    {metricNames.map((name) => {
      const metric = metrics[name]
      return (
        <div data-metric={name} data-testid="report-metric" key={name} style={card}>
          <div style={muted}>{labels[name]}</div>
          <div style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.3 }}>
            <span data-testid="metric-unique">{metric.unique.toLocaleString()}</span>
            <span style={{ ...muted, fontSize: 14, marginLeft: 6 }}>
              {percent(metric.uniqueRate)}
            </span>
          </div>
          <div style={muted}>
            unique · <span data-testid="metric-total">{metric.total.toLocaleString()}</span> total (
            {percent(metric.totalRate)})
          </div>
        </div>
      )
    })}
    <p style={{ ...muted, gridColumn: '1 / -1', margin: 0 }}>
      Rates are shares of the {sent.toLocaleString()} emails sent. Unique counts each recipient
      once; total counts every open and click.
    </p>
  </div>
)

'use client'

import { useEffect, useState } from 'react'
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

import { bucketLabel, type TimelinePoint } from './reportApi.js'

const series = [
  { key: 'delivered', label: 'Delivered', variable: '--theme-elevation-400', fallback: '#999' },
  { key: 'opened', label: 'Opened', variable: '--color-blue-500', fallback: '#1587ba' },
  { key: 'clicked', label: 'Clicked', variable: '--theme-success-500', fallback: '#2f9e44' },
  { key: 'bounced', label: 'Bounced', variable: '--theme-warning-500', fallback: '#e8a317' },
  { key: 'complained', label: 'Complained', variable: '--theme-error-500', fallback: '#d9480f' },
] as const

/** SVG attributes cannot take var(): read the admin theme's colours (light or dark) once mounted. */
const useThemeColors = () => {
  const [colors, setColors] = useState<Record<string, string>>({})
  useEffect(() => {
    const style = getComputedStyle(document.documentElement)
    const read = (name: string) => style.getPropertyValue(name).trim()
    setColors({
      axis: read('--theme-elevation-600') || '#666',
      grid: read('--theme-elevation-150') || '#ddd',
      text: read('--theme-text') || read('--theme-elevation-800') || '#333',
      tooltip: read('--theme-elevation-0') || '#fff',
      ...Object.fromEntries(series.map((line) => [line.key, read(line.variable) || line.fallback])),
    })
  }, [])
  return colors
}

/** Events per hour or day as lines, with labelled axes, a legend and a tooltip per bucket. */
export const ReportChart = ({
  bucket,
  buckets,
}: {
  bucket: 'day' | 'hour'
  buckets: TimelinePoint[]
}) => {
  const colors = useThemeColors()
  if (buckets.length === 0)
    return (
      <p style={{ color: 'var(--theme-elevation-500)' }}>No deliveries, opens or clicks yet.</p>
    )
  return (
    <div
      aria-label={`Deliveries, opens, clicks, bounces and complaints per ${bucket} (UTC)`}
      data-testid="report-chart"
      role="img"
      style={{ height: 300, minWidth: 0, width: '100%' }}
    >
      <ResponsiveContainer height="100%" width="100%">
        <LineChart data={buckets} margin={{ bottom: 8, left: 0, right: 12, top: 8 }}>
          <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            minTickGap={24}
            stroke={colors.axis}
            tick={{ fill: colors.axis, fontSize: 12 }}
            tickFormatter={(at: string) => bucketLabel(at, bucket)}
          />
          <YAxis
            allowDecimals={false}
            stroke={colors.axis}
            tick={{ fill: colors.axis, fontSize: 12 }}
            width={40}
          />
          <Tooltip
            contentStyle={{
              background: colors.tooltip,
              border: `1px solid ${colors.grid}`,
              color: colors.text,
            }}
            labelFormatter={(at) => `${bucketLabel(String(at), bucket)} UTC`}
          />
          <Legend itemSorter={null} wrapperStyle={{ color: colors.text, fontSize: 12 }} />
          {series.map((line) => (
            <Line
              dataKey={line.key}
              dot={buckets.length < 40}
              isAnimationActive={false}
              key={line.key}
              name={line.label}
              stroke={colors[line.key] ?? line.fallback}
              strokeWidth={2}
              type="monotone"
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

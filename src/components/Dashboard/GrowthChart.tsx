import type { GrowthDay } from '../../dashboard/dashboardData.js'

import { count } from './format.js'

/**
 * Subscriptions (up) and unsubscriptions (down) per day as an SVG bar chart that scales to its
 * box, so it never widens the page on a phone. Each bar's title gives the day's numbers.
 */
export const GrowthChart = ({ days }: { days: GrowthDay[] }) => {
  const peak = Math.max(1, ...days.map((day) => Math.max(day.subscribed, day.unsubscribed)))
  const width = days.length * 10
  const half = 50
  return (
    <svg
      aria-label="Subscriptions and unsubscriptions per day over the last 30 days"
      preserveAspectRatio="none"
      role="img"
      style={{ display: 'block', height: 120, width: '100%' }}
      viewBox={`0 0 ${width} ${half * 2}`}
    >
      <line
        stroke="var(--theme-elevation-250)"
        strokeWidth={0.5}
        x1={0}
        x2={width}
        y1={half}
        y2={half}
      />
      {days.map((day, index) => {
        const up = (day.subscribed / peak) * (half - 2)
        const down = (day.unsubscribed / peak) * (half - 2)
        return (
          <g key={day.day}>
            <title>{`${day.day}: +${count(day.subscribed)} subscribed, −${count(day.unsubscribed)} unsubscribed, ${count(day.newContacts)} new contacts`}</title>
            <rect
              fill="var(--theme-success-500)"
              height={up}
              width={7}
              x={index * 10 + 1.5}
              y={half - up}
            />
            <rect
              fill="var(--theme-error-400)"
              height={down}
              width={7}
              x={index * 10 + 1.5}
              y={half}
            />
          </g>
        )
      })}
    </svg>
  )
}

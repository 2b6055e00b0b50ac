import type { Payload, SanitizedPermissions, TypedUser } from 'payload'

import { Banner, Pill } from '@payloadcms/ui'

import type { DashboardData } from '../../dashboard/dashboardData.js'

import {
  complaintRateLimit,
  complaintRateWarning,
  dashboardData,
} from '../../dashboard/dashboardData.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import { Card, Figure, figureRow, muted } from './Card.js'
import { count, percent } from './format.js'
import { GrowthChart } from './GrowthChart.js'

type Props = { payload: Payload; permissions?: SanitizedPermissions; user?: null | TypedUser }

const linkStyle = { color: 'var(--theme-text)' } as const

const DeliverabilityCard = ({ health }: { health: DashboardData['deliverability'] }) => (
  <Card testId="dashboard-deliverability" title="Deliverability, last 30 days">
    <div style={figureRow}>
      <Figure label="emails sent" testId="dashboard-sent-30d" value={count(health.sent)} />
      <Figure
        label="bounce rate"
        testId="dashboard-bounce-rate"
        value={percent(health.bounceRate)}
      />
      <Figure
        label="complaint rate"
        testId="dashboard-complaint-rate"
        value={percent(health.complaintRate)}
      />
    </div>
    {health.level === 'alert' ? (
      <Banner type="error">
        Complaint rate above {percent(complaintRateLimit)}: Gmail and Yahoo start rejecting mail
        from senders over this line. Check who receives your campaigns before the next send.
      </Banner>
    ) : health.level === 'warning' ? (
      <Banner type="warning">
        Complaint rate above {percent(complaintRateWarning)}, the early warning before Gmail’s{' '}
        {percent(complaintRateLimit)} limit.
      </Banner>
    ) : (
      <p style={{ ...muted, marginTop: 'calc(var(--base) * 0.5)' }}>
        {count(health.bounced)} bounced, {count(health.complained)} complaints. Complaints stay
        under Gmail’s {percent(complaintRateWarning)} recommendation.
      </p>
    )}
  </Card>
)

/**
 * The admin dashboard's email-marketing overview (`admin.components.beforeDashboard`): contacts by
 * status, 30-day growth, recent campaigns, running automations and deliverability. Rendered on the
 * server from five grouped queries; only for admin users who may read contacts.
 */
export const EmailMarketingDashboard = async ({ payload, permissions, user }: Props) => {
  const options = pluginOptionsOf(payload)
  if (!user || user.collection !== options.adminUserSlug) return null
  if (!permissions?.collections?.[options.slugs.contacts]?.read) return null
  const data = await dashboardData(payload)
  const admin = payload.config.routes.admin
  const collectionUrl = (slug: string) => `${admin}/collections/${slug}`
  const subscribed = data.growth.reduce((sum, day) => sum + day.subscribed, 0)
  const unsubscribed = data.growth.reduce((sum, day) => sum + day.unsubscribed, 0)
  return (
    <div
      data-testid="email-marketing-dashboard"
      style={{
        display: 'grid',
        gap: 'var(--base)',
        gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 320px), 1fr))',
        marginBottom: 'calc(var(--base) * 2)',
      }}
    >
      <Card testId="dashboard-contacts" title="Contacts">
        <div style={figureRow}>
          <Figure
            label="total"
            testId="dashboard-contacts-total"
            value={count(data.totalContacts)}
          />
          {Object.entries(data.contactsByStatus).map(([status, value]) => (
            <Figure
              key={status}
              label={status}
              testId={`dashboard-contacts-${status}`}
              value={count(value)}
            />
          ))}
        </div>
        <p style={{ ...muted, marginTop: 'calc(var(--base) * 0.5)' }}>
          <a href={collectionUrl(options.slugs.contacts)} style={linkStyle}>
            Open contacts
          </a>
        </p>
      </Card>
      <Card testId="dashboard-growth" title="Subscriber growth, last 30 days">
        <div style={figureRow}>
          <Figure
            label="subscribed"
            testId="dashboard-subscribed-30d"
            value={`+${count(subscribed)}`}
          />
          <Figure
            label="unsubscribed"
            testId="dashboard-unsubscribed-30d"
            value={`−${count(unsubscribed)}`}
          />
          <Figure
            label="new contacts"
            testId="dashboard-new-contacts-30d"
            value={count(data.growth.reduce((sum, day) => sum + day.newContacts, 0))}
          />
        </div>
        <GrowthChart days={data.growth} />
      </Card>
      <Card testId="dashboard-campaigns" title="Recent campaigns">
        {data.recentCampaigns.length === 0 ? (
          <p style={muted}>No campaign has been sent yet.</p>
        ) : (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {data.recentCampaigns.map((campaign) => (
              <li
                data-testid={`dashboard-campaign-${campaign.id}`}
                key={campaign.id}
                style={{
                  borderTop: '1px solid var(--theme-elevation-100)',
                  padding: 'calc(var(--base) * 0.4) 0',
                }}
              >
                <div style={{ alignItems: 'center', display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                  <a
                    href={`${collectionUrl(options.slugs.campaigns)}/${campaign.id}`}
                    style={{ ...linkStyle, fontWeight: 600, overflowWrap: 'anywhere' }}
                  >
                    {campaign.name}
                  </a>
                  <Pill size="small">{campaign.status}</Pill>
                </div>
                <div style={muted}>
                  {count(campaign.sent)} sent · {percent(campaign.openRate)} opened ·{' '}
                  {percent(campaign.clickRate)} clicked
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card testId="dashboard-automations" title="Running automations">
        {data.runningAutomations.length === 0 ? (
          <p style={muted}>No automation is active.</p>
        ) : (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {data.runningAutomations.map((automation) => (
              <li
                data-testid={`dashboard-automation-${automation.id}`}
                key={automation.id}
                style={{
                  borderTop: '1px solid var(--theme-elevation-100)',
                  display: 'flex',
                  gap: 8,
                  justifyContent: 'space-between',
                  padding: 'calc(var(--base) * 0.4) 0',
                }}
              >
                <a
                  href={`${collectionUrl(options.slugs.automations)}/${automation.id}`}
                  style={{ ...linkStyle, overflowWrap: 'anywhere' }}
                >
                  {automation.name}
                </a>
                <span style={{ whiteSpace: 'nowrap' }}>
                  {count(automation.activeEnrollments)} in progress
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <DeliverabilityCard health={data.deliverability} />
    </div>
  )
}

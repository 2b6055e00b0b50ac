'use client'
import { Banner, Pill, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { ContactOverview as Overview } from '../../contacts/contactOverview.js'

import { callApi } from '../SendEmailAction/emailApi.js'
import { readableStep } from '../Timeline/readableStep.js'

type Props = { automationsSlug: string; dealsSlug: string; listsSlug: string }

const local = (iso: null | string) => (iso ? new Date(iso).toLocaleString() : null)

const statusPill = {
  active: 'success',
  completed: 'light-gray',
  exited: 'light-gray',
  failed: 'error',
  lost: 'light-gray',
  open: 'light',
  pending: 'warning',
  subscribed: 'success',
  unsubscribed: 'light-gray',
  waiting: 'light',
  won: 'success',
} as const

const Section = ({ children, title }: { children: React.ReactNode; title: string }) => (
  <div style={{ minWidth: 0 }}>
    <h4 style={{ margin: '0 0 calc(var(--base) * 0.4)' }}>{title}</h4>
    {children}
  </div>
)

const itemStyle = {
  alignItems: 'center',
  display: 'flex',
  flexWrap: 'wrap',
  gap: 6,
  padding: '4px 0',
} as const

const mutedStyle = { color: 'var(--theme-elevation-600)', fontSize: 12 } as const

/**
 * The top of a contact's page: list memberships with status and consent, tags, deals and
 * automation enrollments by name, so nobody scrolls past the fields to find them.
 */
export const ContactOverview = ({ automationsSlug, dealsSlug, listsSlug }: Props) => {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [overview, setOverview] = useState<null | Overview>(null)
  const [error, setError] = useState<null | string>(null)
  const href = (slug: string, docId: null | number) =>
    docId ? `${config.routes.admin}/collections/${slug}/${docId}` : undefined

  useEffect(() => {
    if (!id) return
    callApi<Overview>(`${config.routes.api}/email-marketing/contacts/${id}/overview`)
      .then(setOverview)
      .catch((problem: unknown) => setError((problem as Error).message))
  }, [config.routes.api, id])

  if (!id) return null
  if (error) return <Banner type="error">{error}</Banner>
  if (!overview) return null
  return (
    <section
      data-testid="contact-overview"
      style={{
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: 'var(--style-radius-m, 4px)',
        display: 'grid',
        gap: 'var(--base)',
        gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 240px), 1fr))',
        marginBottom: 'var(--base)',
        padding: 'calc(var(--base) * 0.75)',
      }}
    >
      <Section title="Lists">
        {overview.memberships.length === 0 ? <p style={mutedStyle}>On no list.</p> : null}
        {overview.memberships.map((membership) => (
          <div
            data-testid="contact-membership"
            key={membership.listId}
            style={{ padding: '4px 0' }}
          >
            <div style={itemStyle}>
              <a href={href(listsSlug, membership.listId)} style={{ color: 'var(--theme-text)' }}>
                {membership.listName}
              </a>
              <Pill
                pillStyle={statusPill[membership.status as keyof typeof statusPill]}
                size="small"
              >
                {membership.status}
              </Pill>
            </div>
            <div style={mutedStyle}>
              {membership.since ? `since ${local(membership.since)}` : ''}
              {membership.consentAt
                ? ` · consent ${local(membership.consentAt)}`
                : ' · no consent recorded'}
            </div>
          </div>
        ))}
      </Section>
      <Section title="Tags">
        {overview.tags.length === 0 ? <p style={mutedStyle}>No tags.</p> : null}
        <div style={itemStyle}>
          {overview.tags.map((tag) => (
            <Pill key={tag.id} size="small">
              {tag.name}
            </Pill>
          ))}
        </div>
      </Section>
      <Section title="Deals">
        {overview.deals.length === 0 ? <p style={mutedStyle}>No deals.</p> : null}
        {overview.deals.map((deal) => (
          <div key={deal.id} style={itemStyle}>
            <a href={href(dealsSlug, deal.id)} style={{ color: 'var(--theme-text)' }}>
              {deal.title}
            </a>
            <span style={mutedStyle}>{deal.stage ?? ''}</span>
            <Pill pillStyle={statusPill[deal.status as keyof typeof statusPill]} size="small">
              {deal.status}
            </Pill>
          </div>
        ))}
      </Section>
      <Section title="Automations">
        {overview.enrollments.length === 0 ? <p style={mutedStyle}>In no automation.</p> : null}
        {overview.enrollments.map((enrollment) => (
          <div data-testid="contact-enrollment" key={enrollment.id} style={{ padding: '4px 0' }}>
            <div style={itemStyle}>
              <a
                href={href(automationsSlug, enrollment.automationId)}
                style={{ color: 'var(--theme-text)' }}
              >
                {enrollment.automation}
              </a>
              <Pill
                pillStyle={statusPill[enrollment.status as keyof typeof statusPill]}
                size="small"
              >
                {enrollment.status}
              </Pill>
            </div>
            <div style={mutedStyle}>
              {enrollment.stepPath ? `at step ${readableStep(enrollment.stepPath)}` : ''}
              {enrollment.nextRunAt && ['active', 'waiting'].includes(enrollment.status)
                ? ` · next ${local(enrollment.nextRunAt)}`
                : ''}
            </div>
          </div>
        ))}
      </Section>
    </section>
  )
}

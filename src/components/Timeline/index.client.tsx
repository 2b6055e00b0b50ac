'use client'

import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import type { TimelineItem, TimelinePage, TimelineSummary } from '../../timeline/timelineTypes.js'

import { callApi, emailSentEvent } from '../SendEmailAction/emailApi.js'
import { TimelineEntry } from './TimelineEntry.js'

/** How often the open timeline asks for news (webhook events arrive at any time). */
const refreshMs = 3000

/** The contact's history, newest first: emails with delivery events, subscriptions, automation steps, deals. */
export const ContactTimeline = () => {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [pages, setPages] = useState(1)
  const [items, setItems] = useState<TimelineItem[]>([])
  const [hasMore, setHasMore] = useState(false)
  const [error, setError] = useState<null | string>(null)
  const [summary, setSummary] = useState<null | TimelineSummary>(null)

  /** Reloads every page shown so far, so new entries and new events both appear. */
  const load = useCallback(async () => {
    if (!id) return
    try {
      const loaded: TimelineItem[] = []
      let more = false
      for (let page = 1; page <= pages; page++) {
        const result = await callApi<TimelinePage>(
          `${config.routes.api}/email-marketing/contacts/${id}/timeline?page=${page}`,
        )
        loaded.push(...result.items)
        if (page === 1) setSummary(result.summary)
        more = result.hasNextPage
        if (!more) break
      }
      setItems(loaded)
      setHasMore(more)
      setError(null)
    } catch (problem) {
      setError((problem as Error).message)
    }
  }, [config.routes.api, id, pages])

  useEffect(() => {
    void load()
    const timer = setInterval(() => void load(), refreshMs)
    const onSent = () => void load()
    window.addEventListener(emailSentEvent, onSent)
    return () => {
      clearInterval(timer)
      window.removeEventListener(emailSentEvent, onSent)
    }
  }, [load])

  if (!id) return null
  return (
    <div className="contact-timeline field-type" style={{ marginTop: 24 }}>
      <h3>Timeline</h3>
      {error && (
        <div role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {error}
        </div>
      )}
      {summary && summary.emails > 0 && (
        <p className="timeline-summary" style={{ color: 'var(--theme-elevation-500)' }}>
          {summary.emails} emails · {summary.opens} opens · {summary.clicks} clicks
          {summary.lastOpenedAt
            ? ` · last opened ${new Date(summary.lastOpenedAt).toLocaleDateString()}`
            : ''}
          {summary.lastClickedAt
            ? ` · last clicked ${new Date(summary.lastClickedAt).toLocaleDateString()}`
            : ''}
        </p>
      )}
      {items.length === 0 && !error ? <p>Nothing yet.</p> : null}
      <ul style={{ padding: 0 }}>
        {items.map((item, index) => (
          <TimelineEntry item={item} key={`${item.type}-${item.at}-${index}`} />
        ))}
      </ul>
      {hasMore && (
        <Button buttonStyle="secondary" onClick={() => setPages((count) => count + 1)} size="small">
          Show older
        </Button>
      )}
    </div>
  )
}

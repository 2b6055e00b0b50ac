'use client'

import { Banner, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { MessageTimeline, type TimelineItemView } from './MessageTimeline.js'

type Rendered = {
  html: null | string
  note: null | string
  rerendered: boolean
  subject: string
  text: null | string
  timeline: TimelineItemView[]
}

/**
 * Top of a message in the log: the subject as the recipient read it, the email in a sandboxed
 * iframe (no scripts, no same-origin access) and what happened to it, from
 * GET /email-marketing/messages/:id/rendered.
 */
export const MessageView = () => {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [rendered, setRendered] = useState<null | Rendered>(null)
  const [error, setError] = useState<null | string>(null)

  useEffect(() => {
    if (!id) return
    let current = true
    fetch(`${config.serverURL}${config.routes.api}/email-marketing/messages/${id}/rendered`, {
      credentials: 'include',
    })
      .then(async (response) => {
        const data = (await response.json()) as { errors?: { message: string }[] } & Rendered
        if (!response.ok)
          throw new Error(
            data.errors?.map((problem) => problem.message).join('; ') || `HTTP ${response.status}`,
          )
        if (current) setRendered(data)
      })
      .catch((problem: Error) => current && setError(problem.message))
    return () => {
      current = false
    }
  }, [config.routes.api, config.serverURL, id])

  if (error) return <Banner type="error">{error}</Banner>
  if (!rendered) return <p style={{ color: 'var(--theme-elevation-500)' }}>Loading the email…</p>
  return (
    <div data-testid="message-view" style={{ marginBottom: 'calc(var(--base) * 1.5)' }}>
      <h2
        data-testid="message-subject"
        style={{ margin: '0 0 calc(var(--base) * 0.5)', overflowWrap: 'anywhere' }}
      >
        {rendered.subject || '(no subject)'}
      </h2>
      {rendered.note && (
        <p
          style={{
            color: 'var(--theme-elevation-500)',
            fontSize: 12,
            margin: '0 0 calc(var(--base) * 0.5)',
          }}
        >
          {rendered.note}
        </p>
      )}
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 'var(--base)',
        }}
      >
        <div style={{ flex: '2 1 420px', minWidth: 0 }}>
          {rendered.html ? (
            <iframe
              data-testid="message-frame"
              sandbox=""
              srcDoc={rendered.html}
              style={{
                background: '#fff',
                border: '1px solid var(--theme-elevation-150)',
                borderRadius: 'var(--style-radius-m, 4px)',
                height: 560,
                width: '100%',
              }}
              title="The email as sent"
            />
          ) : rendered.text ? (
            <pre style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{rendered.text}</pre>
          ) : null}
        </div>
        <div style={{ flex: '1 1 220px', minWidth: 0 }}>
          <h3 style={{ marginTop: 0 }}>Timeline</h3>
          <MessageTimeline items={rendered.timeline} />
        </div>
      </div>
    </div>
  )
}

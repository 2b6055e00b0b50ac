'use client'

import { Button, toast } from '@payloadcms/ui'
import { useEffect, useRef, useState } from 'react'

import { callApi, emailSentEvent } from './emailApi.js'
import { liquidFieldsOf } from './liquidFields.js'

export type Recipient = { email: string; id: number | string; label: string }

type Template = { id: number; name: string; slug: string }

type ComposerProps = {
  apiRoute: string
  contactsSlug: string
  dealId?: number | string
  onClose: () => void
  recipients: Recipient[]
  templatesSlug: string
}

const field = { display: 'block', marginBottom: 12, width: '100%' } as const
const input = { boxSizing: 'border-box', padding: 8, width: '100%' } as const

/** Writes a 1:1 email: recipient, optional template, subject and body with Liquid fields of the contact. */
export const Composer = ({
  apiRoute,
  contactsSlug,
  dealId,
  onClose,
  recipients,
  templatesSlug,
}: ComposerProps) => {
  const [contactId, setContactId] = useState(recipients[0]?.id)
  const [contact, setContact] = useState<null | Record<string, unknown>>(null)
  const [templates, setTemplates] = useState<Template[]>([])
  const [template, setTemplate] = useState('')
  const [subject, setSubject] = useState('')
  const [body, setBody] = useState('')
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<null | string>(null)
  const bodyRef = useRef<HTMLTextAreaElement>(null)
  const dedupeKey = useRef(`one-to-one:${crypto.randomUUID()}`)

  useEffect(() => {
    void callApi<{ docs: Template[] }>(`${apiRoute}/${templatesSlug}?limit=100&depth=0&sort=name`)
      .then((result) => setTemplates(result.docs))
      .catch((problem: Error) => setError(`The templates could not be loaded: ${problem.message}`))
  }, [apiRoute, templatesSlug])

  useEffect(() => {
    if (contactId === undefined) return
    void callApi<Record<string, unknown>>(`${apiRoute}/${contactsSlug}/${contactId}?depth=0`)
      .then(setContact)
      .catch((problem: Error) => setError(`The contact could not be loaded: ${problem.message}`))
  }, [apiRoute, contactId, contactsSlug])

  const insert = (liquid: string) => {
    const tag = `{{ ${liquid} }}`
    const area = bodyRef.current
    if (!area) return setBody((current) => current + tag)
    const start = area.selectionStart ?? body.length
    const end = area.selectionEnd ?? body.length
    setBody(body.slice(0, start) + tag + body.slice(end))
    // Typing goes on in the body: a merge-tag button that kept focus would insert its tag again
    // on every space (it did: "Hi AdaAdaAda…").
    requestAnimationFrame(() => {
      area.focus()
      area.setSelectionRange(start + tag.length, start + tag.length)
    })
  }

  const send = async () => {
    setSending(true)
    setError(null)
    try {
      await callApi(`${apiRoute}/email-marketing/one-to-one`, {
        body: {
          body: template ? undefined : body,
          contact: contactId,
          deal: dealId,
          dedupeKey: dedupeKey.current,
          subject: template ? undefined : subject,
          template: template || undefined,
        },
      })
      toast.success('Email queued.')
      window.dispatchEvent(new CustomEvent(emailSentEvent))
      onClose()
    } catch (problem) {
      setError((problem as Error).message)
    } finally {
      setSending(false)
    }
  }

  return (
    <div
      aria-label="Send email"
      aria-modal="true"
      className="email-composer"
      role="dialog"
      style={{ background: 'rgba(0,0,0,0.4)', inset: 0, position: 'fixed', zIndex: 1000 }}
    >
      <div
        style={{
          background: 'var(--theme-bg)',
          borderRadius: 4,
          margin: '5vh auto',
          maxHeight: '90vh',
          maxWidth: 720,
          overflow: 'auto',
          padding: 24,
        }}
      >
        <h3 style={{ marginTop: 0 }}>Send email</h3>
        {error && (
          <div
            data-testid="composer-error"
            role="alert"
            style={{ color: 'var(--theme-error-500)', marginBottom: 8 }}
          >
            {error}
          </div>
        )}
        <label style={field}>
          To
          <select
            id="composer-to"
            onChange={(event) => setContactId(event.target.value)}
            style={input}
            value={String(contactId ?? '')}
          >
            {recipients.map((recipient) => (
              <option key={recipient.id} value={String(recipient.id)}>
                {recipient.label}
              </option>
            ))}
          </select>
        </label>
        <label style={field}>
          Template (optional)
          <select
            id="composer-template"
            onChange={(event) => setTemplate(event.target.value)}
            style={input}
            value={template}
          >
            <option value="">None: write the email below</option>
            {templates.map((option) => (
              <option key={option.id} value={option.slug}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
        {!template && (
          <>
            <label style={field}>
              Subject
              <input
                id="composer-subject"
                onChange={(event) => setSubject(event.target.value)}
                style={input}
                value={subject}
              />
            </label>
            <label style={field}>
              Message
              <textarea
                id="composer-body"
                onChange={(event) => setBody(event.target.value)}
                ref={bodyRef}
                rows={10}
                style={input}
                value={body}
              />
            </label>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginBottom: 12 }}>
              <span style={{ marginRight: 4 }}>Insert:</span>
              {liquidFieldsOf(contact).map((liquid) => (
                <button
                  key={liquid}
                  onClick={() => insert(liquid)}
                  onMouseDown={(event) => event.preventDefault()}
                  style={{ cursor: 'pointer', fontSize: 12 }}
                  type="button"
                >
                  {liquid}
                </button>
              ))}
            </div>
          </>
        )}
        <div style={{ display: 'flex', gap: 8 }}>
          <Button
            disabled={sending || !contactId || (!template && (!subject.trim() || !body.trim()))}
            id="composer-send"
            onClick={() => void send()}
          >
            {sending ? 'Sending…' : 'Send'}
          </Button>
          <Button buttonStyle="secondary" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </div>
    </div>
  )
}

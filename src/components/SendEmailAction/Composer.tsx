'use client'

import type React from 'react'

import { Banner, Button, SelectInput, TextareaInput, TextInput, toast } from '@payloadcms/ui'
import { useEffect, useRef, useState } from 'react'

import { callApi, emailSentEvent } from './emailApi.js'
import { EmailPreview, type RenderedEmail } from './EmailPreview.js'
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

const noTemplate = 'none'

const picked = (option: unknown): string => {
  const first = Array.isArray(option) ? option[0] : option
  return first && typeof first === 'object' && 'value' in first ? String(first.value) : ''
}

/**
 * Writes a 1:1 email: recipient, optional template, subject and body with Liquid fields of the
 * contact; "Preview" renders it for that contact before "Send".
 */
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
  const [busy, setBusy] = useState<'previewing' | 'sending' | null>(null)
  const [preview, setPreview] = useState<null | RenderedEmail>(null)
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

  // Any change makes an earlier preview stale.
  useEffect(() => setPreview(null), [body, contactId, subject, template])

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

  const email = {
    body: template ? undefined : body,
    contact: contactId,
    deal: dealId,
    subject: template ? undefined : subject,
    template: template || undefined,
  }

  const run = async (action: 'previewing' | 'sending') => {
    setBusy(action)
    setError(null)
    try {
      if (action === 'previewing') {
        setPreview(
          await callApi<RenderedEmail>(`${apiRoute}/email-marketing/one-to-one/preview`, {
            body: email,
          }),
        )
        return
      }
      await callApi(`${apiRoute}/email-marketing/one-to-one`, {
        body: { ...email, dedupeKey: dedupeKey.current },
      })
      const recipient = recipients.find((option) => String(option.id) === String(contactId))
      toast.success(`Email sent to ${recipient?.email ?? 'the contact'}.`)
      window.dispatchEvent(new CustomEvent(emailSentEvent))
      onClose()
    } catch (problem) {
      setError((problem as Error).message)
    } finally {
      setBusy(null)
    }
  }

  const incomplete = !contactId || (!template && (!subject.trim() || !body.trim()))
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
          border: '1px solid var(--theme-elevation-150)',
          borderRadius: 'var(--style-radius-m)',
          boxSizing: 'border-box',
          margin: '5vh auto',
          maxHeight: '90vh',
          maxWidth: 'min(720px, calc(100vw - 16px))',
          overflow: 'auto',
          padding: 'calc(var(--base) * 1.5)',
        }}
      >
        <h3 style={{ marginTop: 0 }}>Send email</h3>
        {error && (
          <Banner type="error">
            <span data-testid="composer-error" role="alert">
              {error}
            </span>
          </Banner>
        )}
        <SelectInput
          id="composer-to"
          label="To"
          name="composer-to"
          onChange={(option) => setContactId(picked(option))}
          options={recipients.map((recipient) => ({
            label: recipient.label,
            value: String(recipient.id),
          }))}
          path="composer-to"
          value={String(contactId ?? '')}
        />
        <SelectInput
          id="composer-template"
          label="Template (optional)"
          name="composer-template"
          onChange={(option) => {
            const slug = picked(option)
            setTemplate(slug === noTemplate ? '' : slug)
          }}
          options={[
            { label: 'None: write the email below', value: noTemplate },
            ...templates.map((option) => ({ label: option.name, value: option.slug })),
          ]}
          path="composer-template"
          value={template || noTemplate}
        />
        {!template && (
          <>
            <TextInput
              label="Subject"
              onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                setSubject(event.target.value)
              }
              path="composer-subject"
              value={subject}
            />
            <TextareaInput
              inputRef={bodyRef as unknown as React.RefObject<HTMLInputElement>}
              label="Message"
              onChange={(event) => setBody(event.target.value)}
              path="composer-body"
              rows={10}
              value={body}
            />
            <div
              className="email-composer__merge-tags"
              style={{
                alignItems: 'center',
                display: 'flex',
                flexWrap: 'wrap',
                gap: 4,
                marginBottom: 'var(--base)',
              }}
            >
              <span style={{ marginRight: 4 }}>Insert:</span>
              {liquidFieldsOf(contact).map((liquid) => (
                <Button
                  buttonStyle="pill"
                  key={liquid}
                  margin={false}
                  onClick={() => insert(liquid)}
                  onMouseDown={(event) => event.preventDefault()}
                  size="xsmall"
                >
                  {liquid}
                </Button>
              ))}
            </div>
          </>
        )}
        {preview && <EmailPreview email={preview} />}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <Button
            buttonStyle="secondary"
            disabled={busy !== null || incomplete}
            id="composer-preview"
            margin={false}
            onClick={() => void run('previewing')}
          >
            {busy === 'previewing' ? 'Rendering…' : 'Preview'}
          </Button>
          <Button
            disabled={busy !== null || incomplete}
            id="composer-send"
            margin={false}
            onClick={() => void run('sending')}
          >
            {busy === 'sending' ? 'Sending…' : 'Send'}
          </Button>
          <Button buttonStyle="secondary" margin={false} onClick={onClose}>
            Cancel
          </Button>
        </div>
      </div>
    </div>
  )
}

'use client'
import type { UIFieldClientProps } from 'payload'

import { Banner, Button, TextInput, toast, useConfig, useForm } from '@payloadcms/ui'
import { type ChangeEvent, useState } from 'react'

import { callApi } from '../SendEmailAction/emailApi.js'

type Rendered = { html: string; subject: string; text: string }

/**
 * Inside a send-email step: the step's email (unsaved edits included) rendered as a chosen
 * contact, and a "[Test]" copy sent to an address, with the same rendering the step uses.
 */
export const StepEmailPreview = ({ path }: UIFieldClientProps) => {
  const { getDataByPath } = useForm()
  const { config } = useConfig()
  const [contact, setContact] = useState('')
  const [testTo, setTestTo] = useState('')
  const [rendered, setRendered] = useState<null | Rendered>(null)
  const [error, setError] = useState<null | string>(null)
  const stepPath = path.split('.').slice(0, -1).join('.')
  const step = () => {
    const { body, preheader, subject } = (getDataByPath(stepPath) ?? {}) as Record<string, unknown>
    return { body, preheader, subject }
  }

  const preview = async () => {
    setError(null)
    try {
      setRendered(
        await callApi<Rendered>(`${config.routes.api}/email-marketing/automations/email-preview`, {
          body: { contact: contact.trim() || undefined, step: step() },
        }),
      )
    } catch (problem) {
      setError((problem as Error).message)
    }
  }

  const sendTest = async () => {
    setError(null)
    try {
      const result = await callApi<{ to: string }>(
        `${config.routes.api}/email-marketing/automations/email-test`,
        { body: { step: step(), to: testTo.trim() } },
      )
      toast.success(`Test email queued to ${result.to}.`)
    } catch (problem) {
      setError((problem as Error).message)
    }
  }

  const row = { alignItems: 'flex-end', display: 'flex', flexWrap: 'wrap', gap: 8 } as const
  return (
    <div
      className="automation-email-preview"
      style={{
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: 'var(--style-radius-m, 4px)',
        marginBottom: 'var(--base)',
        padding: 'calc(var(--base) / 2)',
      }}
    >
      <div style={row}>
        <div style={{ flex: '1 1 220px', minWidth: 0 }}>
          <TextInput
            label="Preview as contact (email, empty for a sample contact)"
            onChange={(event: ChangeEvent<HTMLInputElement>) => setContact(event.target.value)}
            path={`${path}.contact`}
            value={contact}
          />
        </div>
        <Button
          buttonStyle="secondary"
          className="automation-email-preview__show"
          margin={false}
          onClick={() => void preview()}
          size="small"
        >
          Preview
        </Button>
      </div>
      <div style={row}>
        <div style={{ flex: '1 1 220px', minWidth: 0 }}>
          <TextInput
            label="Send a test to"
            onChange={(event: ChangeEvent<HTMLInputElement>) => setTestTo(event.target.value)}
            path={`${path}.testTo`}
            value={testTo}
          />
        </div>
        <Button
          buttonStyle="secondary"
          className="automation-email-preview__test"
          margin={false}
          onClick={() => void sendTest()}
          size="small"
        >
          Send test
        </Button>
      </div>
      {error ? <Banner type="error">{error}</Banner> : null}
      {rendered ? (
        <div>
          <p>
            <strong>Subject:</strong>{' '}
            <span className="automation-email-preview__subject">{rendered.subject}</span>
          </p>
          <iframe
            className="automation-email-preview__frame"
            sandbox=""
            srcDoc={rendered.html}
            style={{ border: '1px solid var(--theme-elevation-150)', height: 480, width: '100%' }}
            title="Email preview"
          />
        </div>
      ) : null}
    </div>
  )
}

'use client'

import { Button, TextInput, toast, useConfig, useDocumentInfo, useForm } from '@payloadcms/ui'
import type React from 'react'
import { useEffect, useState } from 'react'

import { callApi } from '../SendEmailAction/emailApi.js'

type Preview =
  | { html: string; missingVariable: null | string; subject: string; text: string; type: 'content' }
  | {
      missingVariable: null | string
      templateAlias: string
      templateModel: Record<string, unknown>
      type: 'postmark'
    }

/** The template rendered with its sample data (unsaved edits included), and "Send a test" to yourself. */
export const SendEmailTemplatePreview = () => {
  const { getData } = useForm()
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [preview, setPreview] = useState<null | Preview>(null)
  const [error, setError] = useState<null | string>(null)
  const [testTo, setTestTo] = useState('')
  // Marks the buttons interactive: a click on the server-rendered buttons before hydration does nothing.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])

  const load = async () => {
    setError(null)
    try {
      setPreview(
        await callApi<Preview>(`${config.routes.api}/email-marketing/transactional/preview`, {
          body: { template: getData() },
        }),
      )
    } catch (problem) {
      setError((problem as Error).message)
    }
  }

  const sendTest = async () => {
    setError(null)
    try {
      const result = await callApi<{ status: string; to: string }>(
        `${config.routes.api}/email-marketing/transactional/test`,
        {
          body: { template: id, to: testTo || undefined },
        },
      )
      toast.success(
        result.status === 'suppressed'
          ? `${result.to} is suppressed (bounced or complained).`
          : `Test email queued to ${result.to}.`,
      )
    } catch (problem) {
      setError((problem as Error).message)
    }
  }

  return (
    <div
      className="transactional-preview field-type"
      data-hydrated={hydrated ? 'true' : undefined}
      style={{
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: 4,
        marginBottom: 24,
        padding: 16,
      }}
    >
      <div style={{ alignItems: 'center', display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Button
          buttonStyle="secondary"
          id="template-preview"
          onClick={() => void load()}
          size="small"
        >
          Preview with sample data
        </Button>
        {id ? (
          <>
            <TextInput
              label="Send a test to"
              onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                setTestTo(event.target.value)
              }
              path="template-test-to"
              placeholder="Test address (default: you)"
              style={{ flex: '1 1 220px', marginBottom: 0 }}
              value={testTo}
            />
            <Button
              buttonStyle="secondary"
              id="template-send-test"
              onClick={() => void sendTest()}
              size="small"
            >
              Send a test
            </Button>
          </>
        ) : (
          <span>Save the template to send a test.</span>
        )}
      </div>
      {error && (
        <div role="alert" style={{ color: 'var(--theme-error-500)', marginTop: 8 }}>
          {error}
        </div>
      )}
      {preview?.missingVariable && (
        <p>The sample data has no value for the required variable "{preview.missingVariable}".</p>
      )}
      {preview?.type === 'content' && (
        <div>
          <p>
            <strong>Subject:</strong>{' '}
            <span data-testid="template-preview-subject">{preview.subject}</span>
          </p>
          <iframe
            data-testid="template-preview-frame"
            srcDoc={preview.html}
            style={{ border: '1px solid var(--theme-elevation-150)', height: 560, width: '100%' }}
            title="Template preview"
          />
        </div>
      )}
      {preview?.type === 'postmark' && (
        <div>
          <p>
            Postmark renders template <strong>{preview.templateAlias}</strong> with this model:
          </p>
          <pre>{JSON.stringify(preview.templateModel, null, 2)}</pre>
        </div>
      )}
    </div>
  )
}

'use client'

import { Button } from '@payloadcms/ui'
import { useState } from 'react'

import { callCampaign } from './campaignApi.js'

/** The rendered email for a chosen contact, in an iframe at desktop or mobile width. */
export const CampaignPreview = ({
  apiRoute,
  id,
  onError,
}: {
  apiRoute: string
  id: number | string
  onError: (message: string) => void
}) => {
  const [contact, setContact] = useState('')
  const [width, setWidth] = useState(600)
  const [preview, setPreview] = useState<null | { html: string; subject: string }>(null)
  const load = async () => {
    try {
      setPreview(
        await callCampaign(apiRoute, id, 'preview', {
          query: contact ? `contact=${encodeURIComponent(contact)}` : '',
        }),
      )
    } catch (error) {
      onError((error as Error).message)
    }
  }
  return (
    <div>
      <div style={{ alignItems: 'center', display: 'flex', gap: 8 }}>
        <input
          aria-label="Preview as contact id"
          onChange={(event) => setContact(event.target.value)}
          placeholder="Contact id (optional)"
          value={contact}
        />
        <Button
          buttonStyle="secondary"
          id="campaign-preview"
          onClick={() => void load()}
          size="small"
        >
          Preview
        </Button>
        <Button
          buttonStyle={width === 600 ? 'primary' : 'secondary'}
          onClick={() => setWidth(600)}
          size="small"
        >
          Desktop
        </Button>
        <Button
          buttonStyle={width === 375 ? 'primary' : 'secondary'}
          onClick={() => setWidth(375)}
          size="small"
        >
          Mobile
        </Button>
      </div>
      {preview && (
        <div>
          <p data-testid="campaign-preview-subject">
            <strong>Subject:</strong> {preview.subject}
          </p>
          <iframe
            data-testid="campaign-preview-frame"
            srcDoc={preview.html}
            style={{ border: '1px solid var(--theme-elevation-150)', height: 600, width }}
            title="Email preview"
          />
        </div>
      )}
    </div>
  )
}

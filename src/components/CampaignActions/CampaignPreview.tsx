'use client'

import { Button } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import { callCampaign, type PickedContact } from './campaignApi.js'

type Rendered = { html: string; subject: string }

/** The campaign's email rendered for a contact, in a sandboxed frame (no scripts, no same-origin access). */
export const PreviewFrame = ({ preview, width = 600 }: { preview: Rendered; width?: number }) => (
  <div>
    <p data-testid="campaign-preview-subject" style={{ overflowWrap: 'anywhere' }}>
      <strong>Subject:</strong> {preview.subject}
    </p>
    <iframe
      data-testid="campaign-preview-frame"
      sandbox=""
      srcDoc={preview.html}
      style={{
        background: '#fff',
        border: '1px solid var(--theme-elevation-150)',
        height: 600,
        maxWidth: '100%',
        width,
      }}
      title="Email preview"
    />
  </div>
)

/** Loads the saved campaign rendered for `contact` (a sample contact when none). */
export const useCampaignPreview = (
  apiRoute: string,
  id: number | string,
  contact: null | PickedContact,
  onError: (message: string) => void,
) => {
  const [preview, setPreview] = useState<null | Rendered>(null)
  const load = useCallback(async () => {
    try {
      setPreview(
        await callCampaign<Rendered>(apiRoute, id, 'preview', {
          query: contact ? `contact=${contact.id}` : '',
        }),
      )
    } catch (error) {
      onError((error as Error).message)
    }
  }, [apiRoute, contact, id, onError])
  return { load, preview }
}

/** "Preview" in the campaign actions: the email at desktop or mobile width. */
export const CampaignPreview = ({
  apiRoute,
  contact,
  id,
  onError,
}: {
  apiRoute: string
  contact: null | PickedContact
  id: number | string
  onError: (message: string) => void
}) => {
  const [width, setWidth] = useState(600)
  const [open, setOpen] = useState(false)
  const { load, preview } = useCampaignPreview(apiRoute, id, contact, onError)
  useEffect(() => {
    if (open) void load()
  }, [load, open])
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Button
          buttonStyle="secondary"
          id="campaign-preview"
          margin={false}
          onClick={() => (open ? void load() : setOpen(true))}
          size="small"
        >
          {open ? 'Refresh preview' : 'Preview'}
        </Button>
        {open && (
          <>
            <Button
              buttonStyle={width === 600 ? 'primary' : 'secondary'}
              margin={false}
              onClick={() => setWidth(600)}
              size="small"
            >
              Desktop
            </Button>
            <Button
              buttonStyle={width === 375 ? 'primary' : 'secondary'}
              margin={false}
              onClick={() => setWidth(375)}
              size="small"
            >
              Mobile
            </Button>
          </>
        )}
      </div>
      {open && preview && <PreviewFrame preview={preview} width={width} />}
    </div>
  )
}

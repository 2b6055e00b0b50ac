'use client'
import { Button, toast, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import { useState } from 'react'

/**
 * Data-protection buttons on the contact edit view: download everything held about the contact
 * as JSON, or erase the contact (after a confirmation).
 */
export const ContactDataActions = () => {
  const { collectionSlug, id } = useDocumentInfo()
  const { config } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  if (id === undefined) return null
  const api = `${config.serverURL}${config.routes.api}`

  const erase = async () => {
    if (
      !window.confirm(
        'Erase this contact? Its data is deleted, its messages are blanked, and its address can no longer be imported. This cannot be undone.',
      )
    )
      return
    setBusy(true)
    const response = await fetch(`${api}/email-marketing/contacts/${id}/erase`, {
      credentials: 'include',
      method: 'POST',
    })
    setBusy(false)
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { errors?: { message: string }[] }
      toast.error(body.errors?.[0]?.message ?? `Erasing failed (${response.status}).`)
      return
    }
    toast.success('Contact erased.')
    router.push(`${config.routes.admin}/collections/${collectionSlug}`)
  }

  return (
    <div className="contact-data-actions" style={{ display: 'flex', gap: 8 }}>
      <a
        className="btn btn--style-secondary btn--size-medium"
        download
        href={`${api}/email-marketing/contacts/${id}/data-export`}
      >
        Export data
      </a>
      <Button buttonStyle="error" disabled={busy} onClick={() => void erase()} size="medium">
        Erase
      </Button>
    </div>
  )
}

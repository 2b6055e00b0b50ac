'use client'

import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { Composer, type Recipient } from './Composer.js'
import { callApi } from './emailApi.js'
import { type ContactDoc, recipientOf } from './recipients.js'

type SendEmailActionProps = {
  contactsSlug?: string
  /** `deal`: the recipients are the deal's contacts and the email is logged on the deal. */
  target?: 'contact' | 'deal'
  templatesSlug?: string
}

/** "Send email" on a contact's or a deal's edit view: opens the 1:1 composer. */
export const SendEmailAction = ({
  contactsSlug = 'contacts',
  target = 'contact',
  templatesSlug = 'transactional-templates',
}: SendEmailActionProps) => {
  const { collectionSlug, id } = useDocumentInfo()
  const { config } = useConfig()
  const apiRoute = config.routes.api
  const [recipients, setRecipients] = useState<null | Recipient[]>(null)
  const [problem, setProblem] = useState<null | string>(null)
  // Marks the button interactive: a click on the server-rendered button before hydration does nothing.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  if (!id) return null

  const open = async () => {
    setProblem(null)
    try {
      if (target === 'contact') {
        setRecipients([
          recipientOf(await callApi<ContactDoc>(`${apiRoute}/${collectionSlug}/${id}?depth=0`)),
        ])
        return
      }
      const deal = await callApi<{ contacts?: (ContactDoc | number)[] }>(
        `${apiRoute}/${collectionSlug}/${id}?depth=1`,
      )
      const contacts = (deal.contacts ?? []).filter(
        (contact): contact is ContactDoc => typeof contact === 'object' && contact !== null,
      )
      if (contacts.length === 0) throw new Error('Add a contact to this deal first.')
      setRecipients(contacts.map(recipientOf))
    } catch (error) {
      setProblem((error as Error).message)
    }
  }

  return (
    <div
      className="send-email-action"
      data-hydrated={hydrated ? 'true' : undefined}
      style={{ display: 'contents' }}
    >
      <Button
        buttonStyle="secondary"
        id="action-send-email"
        onClick={() => void open()}
        size="medium"
      >
        Send email
      </Button>
      {problem && (
        <span role="alert" style={{ color: 'var(--theme-error-500)', marginLeft: 8 }}>
          {problem}
        </span>
      )}
      {recipients && (
        <Composer
          apiRoute={apiRoute}
          contactsSlug={contactsSlug}
          dealId={target === 'deal' ? id : undefined}
          onClose={() => setRecipients(null)}
          recipients={recipients}
          templatesSlug={templatesSlug}
        />
      )}
    </div>
  )
}

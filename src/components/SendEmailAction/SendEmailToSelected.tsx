'use client'

import { Banner, Button, useConfig, useSelection } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { Composer, type Recipient } from './Composer.js'
import { callApi } from './emailApi.js'
import { type ContactDoc, recipientOf } from './recipients.js'

type Props = { contactsSlug?: string; templatesSlug?: string }

/** "Send email" above the contacts list: writes a 1:1 email to the one contact selected. */
export const SendEmailToSelected = ({
  contactsSlug = 'contacts',
  templatesSlug = 'transactional-templates',
}: Props) => {
  const { config } = useConfig()
  const { count, selectAll, selectedIDs } = useSelection()
  const [recipients, setRecipients] = useState<null | Recipient[]>(null)
  const [problem, setProblem] = useState<null | string>(null)
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const apiRoute = config.routes.api
  const single = count === 1 && selectAll !== 'allAvailable' && selectedIDs.length === 1

  const open = async () => {
    setProblem(null)
    try {
      const contact = await callApi<ContactDoc>(
        `${apiRoute}/${contactsSlug}/${selectedIDs[0]}?depth=0`,
      )
      setRecipients([recipientOf(contact)])
    } catch (error) {
      setProblem((error as Error).message)
    }
  }

  return (
    <div
      className="send-email-to-selected"
      data-hydrated={hydrated ? 'true' : undefined}
      style={{ marginBottom: 'var(--base)' }}
    >
      <Button
        buttonStyle="secondary"
        disabled={!single}
        id="action-send-email-selected"
        margin={false}
        onClick={() => void open()}
        size="small"
        tooltip={single ? undefined : 'Select one contact to write to.'}
      >
        Send email
      </Button>
      {problem && <Banner type="error">{problem}</Banner>}
      {recipients && (
        <Composer
          apiRoute={apiRoute}
          contactsSlug={contactsSlug}
          onClose={() => setRecipients(null)}
          recipients={recipients}
          templatesSlug={templatesSlug}
        />
      )}
    </div>
  )
}

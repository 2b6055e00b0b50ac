'use client'

import type { ChangeEvent } from 'react'

import { Button, TextInput, toast } from '@payloadcms/ui'
import { useState } from 'react'

import { callCampaign, type PickedContact } from './campaignApi.js'

/** Sends every variant to a few addresses, rendered with the picked contact's data when one is picked. */
export const TestSend = ({
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
  const [addresses, setAddresses] = useState('')
  const [sending, setSending] = useState(false)
  const send = async () => {
    setSending(true)
    try {
      const result = await callCampaign<{ addresses: string[]; queued: number }>(
        apiRoute,
        id,
        'test',
        { body: { addresses, contact: contact?.id } },
      )
      toast.success(
        `Test sent to ${result.addresses.join(', ')}${contact ? ` with the data of ${contact.email}` : ''}.`,
      )
    } catch (error) {
      onError((error as Error).message)
      toast.error((error as Error).message)
    } finally {
      setSending(false)
    }
  }
  return (
    <div>
      <TextInput
        description={
          contact
            ? `Rendered with the data of ${contact.email}.`
            : 'Pick a contact above to render the test with their data.'
        }
        label="Send a test to"
        onChange={(event: ChangeEvent<HTMLInputElement>) => setAddresses(event.target.value)}
        path="campaignTestAddresses"
        placeholder="test@example.com, other@example.com"
        value={addresses}
      />
      <Button
        buttonStyle="secondary"
        disabled={!addresses.trim() || sending}
        id="campaign-send-test"
        margin={false}
        onClick={() => void send()}
        size="small"
      >
        {sending ? 'Sending test…' : 'Send test'}
      </Button>
    </div>
  )
}

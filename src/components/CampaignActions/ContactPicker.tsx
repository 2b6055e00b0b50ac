'use client'

import type { ChangeEvent } from 'react'

import { Button, Pill, TextInput } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { type PickedContact, searchContacts } from './campaignApi.js'

/** Finds a contact by email or name; previews and test sends then render with that contact's data. */
export const ContactPicker = ({
  apiRoute,
  contactsSlug,
  onChange,
  onError,
  value,
}: {
  apiRoute: string
  contactsSlug: string
  onChange: (contact: null | PickedContact) => void
  onError: (message: string) => void
  value: null | PickedContact
}) => {
  const [search, setSearch] = useState('')
  const [results, setResults] = useState<PickedContact[]>([])

  useEffect(() => {
    const query = search.trim()
    if (query.length < 2) return setResults([])
    const timer = setTimeout(() => {
      searchContacts(apiRoute, contactsSlug, query)
        .then(setResults)
        .catch((error: Error) => onError(error.message))
    }, 250)
    return () => clearTimeout(timer)
  }, [apiRoute, contactsSlug, onError, search])

  if (value)
    return (
      <div
        data-testid="campaign-picked-contact"
        style={{ alignItems: 'center', display: 'flex', flexWrap: 'wrap', gap: 8 }}
      >
        <span>Preview and test as</span>
        <Pill size="small">{value.label}</Pill>
        <Button
          buttonStyle="secondary"
          id="campaign-contact-clear"
          margin={false}
          onClick={() => onChange(null)}
          size="small"
        >
          Change
        </Button>
      </div>
    )
  return (
    <div>
      <TextInput
        description="Previews and test sends show this contact's data (a sample contact otherwise)."
        label="Preview as contact"
        onChange={(event: ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)}
        path="campaignContactSearch"
        placeholder="Search by email or name"
        value={search}
      />
      {results.length > 0 && (
        <div
          data-testid="campaign-contact-results"
          style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 8 }}
        >
          {results.map((contact) => (
            <Button
              buttonStyle="pill"
              extraButtonProps={{ 'data-contact-id': contact.id }}
              key={contact.id}
              margin={false}
              onClick={() => {
                onChange(contact)
                setSearch('')
                setResults([])
              }}
              size="small"
            >
              {contact.label}
            </Button>
          ))}
        </div>
      )}
      {search.trim().length >= 2 && results.length === 0 && <small>No contact matches.</small>}
    </div>
  )
}

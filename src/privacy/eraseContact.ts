import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { countedMessageUpdate } from '../sending/counters/countDeltas.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { contactEngagementTable } from '../retention/contactEngagement.js'
import { drizzleFor, tableOf } from '../utilities/db.js'
import { suppressionReasons } from '../sending/suppressAtSendTime.js'
import { materialiseRecipients } from '../sending/recipients/materialise.js'
import { addressHash } from './addressHash.js'
import { contactReferences } from './contactReferences.js'

export type ErasureResult = { erasedMessages: number; hash: string }

const erased = '[erased]'

/**
 * Erases a contact (a data-protection erasure request), in one transaction: records the keyed hash
 * of its address (so an import reports the address instead of re-adding it), blanks the personal
 * data of its messages (by link or by address; unsent ones end `suppressed`, and rows already
 * claimed are stopped by the send-time check against the register), deletes the documents
 * that cannot exist without it (required single links, e.g. subscriptions, enrollments), then
 * deletes the contact. Optional links are cleared by the database.
 */
export const eraseContact = async (payload: Payload, contactId: number): Promise<ErasureResult> => {
  const { secret, slugs } = pluginOptionsOf(payload)
  const contact = (await payload.findByID({
    collection: slugs.contacts as 'users',
    depth: 0,
    id: contactId,
  })) as unknown as { email: string }
  const hash = addressHash(secret, contact.email)
  const req = await createLocalReq({}, payload)
  const ownTransaction = await initTransaction(req)
  try {
    const db = await drizzleFor(req)
    await db.execute(sql`
      INSERT INTO ${tableOf(payload, slugs.erasedAddresses)} (hash, created_at, updated_at) VALUES (${hash}, now(), now())
      ON CONFLICT (hash) DO NOTHING`)
    await materialiseRecipients(payload, db, {
      status: 'queued',
      contactId,
    })
    const messages = await db.execute(
      countedMessageUpdate(payload, {
        set: sql`to_address = ${erased}, subject = ${erased}, html = ${erased}, text = ${erased},
          cc = NULL, bcc = NULL, reply_to = NULL, template_model = NULL, metadata = NULL, headers = NULL, attachments = NULL,
          last_error = CASE WHEN status IN ('queued', 'held') THEN ${suppressionReasons.erased} ELSE last_error END,
          status = CASE WHEN status IN ('queued', 'held') THEN 'suppressed'::enum_em_message_status ELSE status END, updated_at = now()`,
        where: sql`m.contact_id = ${contactId} OR m.to_address = ${contact.email}`,
      }),
    )
    await db.execute(
      sql`DELETE FROM ${contactEngagementTable(payload)} WHERE contact_id = ${contactId}`,
    )
    for (const reference of contactReferences(payload)) {
      if (reference.hasMany || !reference.required) continue
      await payload.delete({
        collection: reference.collection as 'users',
        req,
        where: { [reference.field]: { equals: contactId } },
      })
    }
    await payload.delete({ collection: slugs.contacts as 'users', id: contactId, req })
    if (ownTransaction) await commitTransaction(req)
    return { erasedMessages: (messages as unknown as { rowCount: number }).rowCount ?? 0, hash }
  } catch (error) {
    if (ownTransaction) await killTransaction(req)
    throw error
  }
}

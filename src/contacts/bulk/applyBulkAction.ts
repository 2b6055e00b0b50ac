import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'
import type { BulkAction } from './bulkAction.js'
import type { ContactSelection } from './contactSelection.js'

import { EmailMarketingError } from '../../errors/EmailMarketingError.js'
import { InvalidInputError } from '../../errors/InvalidInputError.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import { arrayParam, rowsOf } from '../../utilities/db.js'
import { relsColumnOf, relsTableOf, tableOf } from '../../utilities/tables.js'
import { selectionCondition } from './contactSelection.js'

export type BulkResult = {
  /** Contacts the action changed. */
  changed: number
  /** Contacts the selection named when the action ran (equal to the confirmed count). */
  matched: number
}

type Drizzle = Payload['db']['drizzle']

/** The confirmed count no longer holds: the caller shows the new one and asks again. */
export class SelectionChangedError extends EmailMarketingError {
  constructor(matched: number, expected: number) {
    super(
      `The selection now matches ${matched} contacts, not the ${expected} you confirmed; nothing was changed. Review the new count and confirm again.`,
      409,
      { matched },
    )
  }
}

/** The automation fact each changed row stands for, inserted by the same statement. */
const facts = (payload: Payload, changed: string, type: string, data: SQL) =>
  sql`, facts AS (
    INSERT INTO ${tableOf(payload, pluginOptionsOf(payload).slugs.automationEvents)} (type, contact_id, data, created_at, updated_at)
    SELECT ${type}, x.contact_id, ${data}, now(), now() FROM ${sql.identifier(changed)} x)`

const actionStatement = (payload: Payload, action: BulkAction, target: SQL): SQL => {
  const { slugs } = pluginOptionsOf(payload)
  const contacts = tableOf(payload, slugs.contacts)
  const subscriptions = tableOf(payload, slugs.subscriptions)
  const rels = relsTableOf(payload, slugs.contacts)
  const tagColumn = relsColumnOf(payload, slugs.contacts, slugs.tags)
  switch (action.name) {
    case 'addTag':
      return sql`WITH changed AS (
          INSERT INTO ${rels} ("order", parent_id, path, ${tagColumn})
          SELECT (SELECT coalesce(max(r."order"), 0) + 1 FROM ${rels} r WHERE r.parent_id = t.id), t.id, 'tags', ${action.tag}::int
          FROM ${target}
          WHERE NOT EXISTS (SELECT 1 FROM ${rels} r WHERE r.parent_id = t.id AND r.path = 'tags' AND r.${tagColumn} = ${action.tag})
          RETURNING parent_id AS contact_id)
        ${facts(payload, 'changed', 'tag.added', sql`jsonb_build_object('type', 'tag.added', 'contactId', x.contact_id, 'tagId', ${action.tag}::int)`)}
        SELECT count(*)::int AS changed FROM changed`
    case 'removeTag':
      return sql`WITH changed AS (
          DELETE FROM ${rels} r USING ${target}
          WHERE r.parent_id = t.id AND r.path = 'tags' AND r.${tagColumn} = ${action.tag}
          RETURNING r.parent_id AS contact_id)
        ${facts(payload, 'changed', 'tag.removed', sql`jsonb_build_object('type', 'tag.removed', 'contactId', x.contact_id, 'tagId', ${action.tag}::int)`)}
        SELECT count(*)::int AS changed FROM changed`
    case 'subscribe':
      // Only active contacts, and never over an existing row: an admin may not undo an unsubscribe.
      return sql`WITH changed AS (
          INSERT INTO ${subscriptions} (contact_id, list_id, status, subscribed_at, created_at, updated_at)
          SELECT t.id, ${action.list}::int, 'subscribed', now(), now(), now()
          FROM ${target} JOIN ${contacts} c ON c.id = t.id WHERE c.status = 'active'
          ON CONFLICT (contact_id, list_id) DO NOTHING
          RETURNING contact_id)
        ${facts(payload, 'changed', 'list.subscribed', sql`jsonb_build_object('type', 'list.subscribed', 'contactId', x.contact_id, 'listId', ${action.list}::int)`)}
        SELECT count(*)::int AS changed FROM changed`
    case 'unsubscribe':
      return sql`WITH changed AS (
          UPDATE ${subscriptions} s SET status = 'unsubscribed', unsubscribed_at = now(), updated_at = now()
          FROM ${target}
          WHERE s.contact_id = t.id AND s.list_id = ${action.list} AND s.status <> 'unsubscribed'
          RETURNING s.contact_id)
        ${facts(payload, 'changed', 'list.unsubscribed', sql`jsonb_build_object('type', 'list.unsubscribed', 'contactId', x.contact_id, 'listId', ${action.list}::int)`)}
        SELECT count(*)::int AS changed FROM changed`
    case 'delete':
      return sql`WITH changed AS (
          DELETE FROM ${contacts} c USING ${target} WHERE c.id = t.id RETURNING c.id)
        SELECT count(*)::int AS changed FROM changed`
  }
}

const assertExists = async (db: Drizzle, payload: Payload, action: BulkAction) => {
  if (action.name === 'delete') return
  const { slugs } = pluginOptionsOf(payload)
  const [slug, id, what] =
    'tag' in action ? [slugs.tags, action.tag, 'tag'] : [slugs.lists, action.list, 'list']
  const found = rowsOf(
    await db.execute(sql`SELECT 1 FROM ${tableOf(payload, slug)} WHERE id = ${id}`),
  )
  if (found.length === 0) throw new InvalidInputError(`There is no ${what} with id ${id}.`)
}

/**
 * Applies one action to every contact of the selection, set-based, in one transaction. The set is
 * fixed first (a temporary table) and must hold exactly `expectedCount` contacts, the number the
 * user confirmed; otherwise nothing changes. Tag and list changes record their automation facts
 * in the same statements, as the collection hooks do for single edits.
 */
export const applyBulkAction = async (
  payload: Payload,
  action: BulkAction,
  selection: ContactSelection,
  expectedCount: number,
): Promise<BulkResult> => {
  const { slugs } = pluginOptionsOf(payload)
  const contacts = tableOf(payload, slugs.contacts)
  return payload.db.drizzle.transaction(async (tx) => {
    const db = tx as unknown as Drizzle
    await assertExists(db, payload, action)
    // Lock the rows so a concurrent edit waits for this action instead of racing it.
    const ids = rowsOf<{ id: number }>(
      await db.execute(sql`
        SELECT c.id FROM ${contacts} c WHERE ${selectionCondition(payload, selection)} FOR UPDATE`),
    ).map((row) => row.id)
    const matched = ids.length
    if (matched !== expectedCount) throw new SelectionChangedError(matched, expectedCount)
    const target = sql`unnest(${arrayParam(ids)}::int[]) AS t(id)`
    if (action.name === 'delete') {
      await db.execute(
        sql`DELETE FROM ${tableOf(payload, slugs.subscriptions)} s USING ${target} WHERE s.contact_id = t.id`,
      )
    }
    const [{ changed }] = rowsOf<{ changed: number }>(
      await db.execute(actionStatement(payload, action, target)),
    )
    return { changed, matched }
  })
}

import { sql } from '@payloadcms/db-postgres'
import { index } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { type IndexColumn, requireKeys, type SchemaHook } from '../utilities/schemaHooks.js'
import { arrayTableNameOf, relsTableNameOf, tableNameOf } from '../utilities/tables.js'

type ExtraConfigColumn = {
  op: (opClass: string) => Parameters<ReturnType<typeof index>['using']>[1]
}

/**
 * Indexes that keep segment counts over a million contacts under a second, declared in the
 * drizzle schema (afterSchemaInit) so dev pushes create them, never drop them, and generated
 * migrations include them: a GIN index for attribute containment (`attributes @> {...}`), and
 * covering indexes for "has tag" and "subscribed to list" lookups. The automation engine's
 * write-back finds each enrollment's last history position through the (parent, order) index.
 */
export const segmentIndexesHook =
  ({ slugs }: SanitizedEmailMarketingOptions): SchemaHook =>
  ({ adapter, extendTable, schema }) => {
    const contactsName = tableNameOf(adapter, slugs.contacts)
    const contacts = schema.tables[contactsName]
    const [attributes] = requireKeys(contacts, 'attributes')
    extendTable({
      extraConfig: (columns) => ({
        emAttributesGin: index(`${contactsName}_attributes_gin_idx`).using(
          'gin',
          (columns[attributes] as ExtraConfigColumn).op('jsonb_path_ops'),
        ),
      }),
      table: contacts,
    })

    const relsName = relsTableNameOf(adapter, slugs.contacts)
    const rels = schema.tables[relsName]
    const [tag, parent, path] = requireKeys(rels, `${slugs.tags}ID`, 'parent', 'path')
    extendTable({
      extraConfig: (columns) => ({
        emTagMembers: index(`${relsName}_tag_members_idx`)
          .on(columns[tag] as IndexColumn, columns[parent] as IndexColumn)
          .where(sql`${columns[path] as IndexColumn} = 'tags'`),
      }),
      table: rels,
    })

    const historyName = arrayTableNameOf(adapter, slugs.enrollments, 'history')
    const history = schema.tables[historyName]
    const [historyParent, order] = requireKeys(history, '_parentID', '_order')
    extendTable({
      extraConfig: (columns) => ({
        emHistoryParentOrder: index(`${historyName}_parent_order_idx`).on(
          columns[historyParent] as IndexColumn,
          columns[order] as IndexColumn,
        ),
      }),
      table: history,
    })

    const subscriptionsName = tableNameOf(adapter, slugs.subscriptions)
    const subscriptions = schema.tables[subscriptionsName]
    const [list, status, contact] = requireKeys(subscriptions, 'list', 'status', 'contact')
    extendTable({
      extraConfig: (columns) => ({
        emListMembers: index(`${subscriptionsName}_list_status_contact_idx`).on(
          columns[list] as IndexColumn,
          columns[status] as IndexColumn,
          columns[contact] as IndexColumn,
        ),
      }),
      table: subscriptions,
    })
    return schema
  }

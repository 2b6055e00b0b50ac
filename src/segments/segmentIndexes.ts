import { sql } from '@payloadcms/db-postgres'
import { index } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { type IndexColumn, keyOf, type SchemaHook, snake } from '../utilities/schemaHooks.js'

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
  (options: SanitizedEmailMarketingOptions): SchemaHook =>
  ({ extendTable, schema }) => {
    const contactsName = snake(options.slugs.contacts)
    const contacts = schema.tables[contactsName]
    const rels = schema.tables[`${contactsName}_rels`]
    const subscriptions = schema.tables[snake(options.slugs.subscriptions)]
    if (contacts) {
      const attributes = keyOf(contacts, 'attributes')
      extendTable({
        extraConfig: (columns) => ({
          emAttributesGin: index(`${contactsName}_attributes_gin_idx`).using(
            'gin',
            (columns[attributes] as ExtraConfigColumn).op('jsonb_path_ops'),
          ),
        }),
        table: contacts,
      })
    }
    if (rels) {
      const [tag, parent, path] = [`${snake(options.slugs.tags)}_id`, 'parent_id', 'path'].map(
        (name) => keyOf(rels, name),
      )
      extendTable({
        extraConfig: (columns) => ({
          emTagMembers: index(`${contactsName}_rels_tag_members_idx`)
            .on(columns[tag] as IndexColumn, columns[parent] as IndexColumn)
            .where(sql`${columns[path] as IndexColumn} = 'tags'`),
        }),
        table: rels,
      })
    }
    const history = schema.tables[`${snake(options.slugs.enrollments)}_history`]
    if (history) {
      const [parent, order] = ['_parent_id', '_order'].map((name) => keyOf(history, name))
      extendTable({
        extraConfig: (columns) => ({
          emHistoryParentOrder: index(
            `${snake(options.slugs.enrollments)}_history_parent_order_idx`,
          ).on(columns[parent] as IndexColumn, columns[order] as IndexColumn),
        }),
        table: history,
      })
    }
    if (subscriptions) {
      const [list, status, contact] = ['list_id', 'status', 'contact_id'].map((name) =>
        keyOf(subscriptions, name),
      )
      extendTable({
        extraConfig: (columns) => ({
          emListMembers: index(`${snake(options.slugs.subscriptions)}_list_status_contact_idx`).on(
            columns[list] as IndexColumn,
            columns[status] as IndexColumn,
            columns[contact] as IndexColumn,
          ),
        }),
        table: subscriptions,
      })
    }
    return schema
  }

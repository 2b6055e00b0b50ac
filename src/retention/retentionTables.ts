import type { BeforeSchemaHook } from '../utilities/schemaHooks.js'

/** Per contact: when it last opened and clicked an email and how often, kept up to date by the webhooks. */
export const contactEngagementTableName = 'email_marketing_contact_engagement'
/** Per campaign and hour: opens and clicks whose per-event rows retention removed. */
export const campaignHourlyTableName = 'email_marketing_campaign_hourly'
/** Per campaign and link: clicks whose per-event rows retention removed. */
export const campaignLinksTableName = 'email_marketing_campaign_links'
/** Where each retention task stopped (the message id it reached), one row per task. */
export const retentionCursorTableName = 'email_marketing_retention_cursors'

const timestamp = (name: string, notNull = false) =>
  ({
    name,
    type: 'timestamp',
    mode: 'string',
    notNull,
    precision: 3,
    withTimezone: true,
  }) as const

const count = (name: string) => ({ name, type: 'integer', default: 0, notNull: true }) as const

/**
 * The retention policy's tables, declared in Payload's raw schema so dev pushes create them and
 * `payload migrate:create` writes them into a migration, like the rate limiter's table.
 */
export const retentionTablesHook: BeforeSchemaHook = ({ adapter, schema }) => {
  adapter.rawTables[contactEngagementTableName] = {
    name: contactEngagementTableName,
    columns: {
      clickCount: count('click_count'),
      contactId: { name: 'contact_id', type: 'integer', notNull: true, primaryKey: true },
      lastClickedAt: timestamp('last_clicked_at'),
      lastOpenedAt: timestamp('last_opened_at'),
      openCount: count('open_count'),
    },
    indexes: {
      lastClicked: { name: `${contactEngagementTableName}_clicked_idx`, on: 'lastClickedAt' },
      lastOpened: { name: `${contactEngagementTableName}_opened_idx`, on: 'lastOpenedAt' },
    },
  }
  adapter.rawTables[campaignHourlyTableName] = {
    name: campaignHourlyTableName,
    columns: {
      campaignId: { name: 'campaign_id', type: 'integer', notNull: true },
      clicks: count('clicks'),
      hour: timestamp('hour', true),
      opens: count('opens'),
    },
    indexes: {
      campaignHour: {
        name: `${campaignHourlyTableName}_campaign_hour_idx`,
        on: ['campaignId', 'hour'],
        unique: true,
      },
    },
  }
  adapter.rawTables[campaignLinksTableName] = {
    name: campaignLinksTableName,
    columns: {
      campaignId: { name: 'campaign_id', type: 'integer', notNull: true },
      clicks: count('clicks'),
      url: { name: 'url', type: 'text', notNull: true },
    },
    indexes: {
      campaignUrl: {
        name: `${campaignLinksTableName}_campaign_url_idx`,
        on: ['campaignId', 'url'],
        unique: true,
      },
    },
  }
  adapter.rawTables[retentionCursorTableName] = {
    name: retentionCursorTableName,
    columns: {
      lastId: { name: 'last_id', type: 'integer', default: 0, notNull: true },
      task: { name: 'task', type: 'text', notNull: true, primaryKey: true },
    },
  }
  return schema
}

import type { Config, SanitizedConfig } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import {
  emailMarketingPlugin,
  type EmailMarketingPluginOptions,
} from 'payload-plugin-email-marketing'

import { Customers } from './collections/Customers'
import { Orders } from './collections/Orders'
import { Users } from './collections/Users'
import { slugsFromEnv } from './testSlugs'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export type DevConfigOptions = {
  databaseUrl?: string
  /** Where `payload migrate:create` writes migrations and `payload migrate` reads them (Payload's default when unset). */
  migrationDir?: string
  /** Plugin options merged over the dev defaults (tests point `postmark` at their own server). */
  plugin?: Partial<EmailMarketingPluginOptions>
  /** Push the schema on boot (default true); extra processes on an already-pushed database pass false so concurrent pushes cannot collide. */
  push?: boolean
}

/** The dev app's Payload config; tests build it with their own database and Postmark server. */
export const createDevConfig = ({
  databaseUrl,
  migrationDir,
  plugin,
  push,
}: DevConfigOptions = {}): Promise<SanitizedConfig> => {
  const connectionString = databaseUrl ?? process.env.DATABASE_URL
  if (!connectionString) {
    throw new Error(
      'DATABASE_URL is not set. Start the dev app with `npm run dev`, which starts an embedded Postgres when it is unset.',
    )
  }
  const slugs = slugsFromEnv()
  const renamed = Object.keys(slugs ?? {}).length > 0
  const config: Config = {
    admin: {
      importMap: { baseDir: dirname },
      user: Users.slug,
    },
    collections: [Users, Customers, Orders],
    db: postgresAdapter({ migrationDir, pool: { connectionString }, push }),
    editor: lexicalEditor(),
    plugins: [
      emailMarketingPlugin({
        postmark: {
          apiUrl: process.env.POSTMARK_API_URL,
          // A local Postmark-compatible server (test/postmark/cli.ts) accepts any token.
          serverToken:
            process.env.POSTMARK_SERVER_TOKEN ??
            (process.env.POSTMARK_API_URL ? 'local-postmark-token' : undefined),
        },
        publicUrl: process.env.PUBLIC_URL ?? 'http://localhost:3000',
        sending: {
          from: {
            address: process.env.EMAIL_FROM ?? 'hello@example.com',
            name: 'Payload Email Marketing demo',
          },
        },
        secret: process.env.EMAIL_MARKETING_SECRET ?? 'dev-only-email-marketing-secret',
        slugs,
        webhooks: {
          password: process.env.POSTMARK_WEBHOOK_PASSWORD ?? 'dev-webhook-password',
          username: process.env.POSTMARK_WEBHOOK_USERNAME ?? 'postmark',
        },
        ...plugin,
      }),
    ],
    secret: process.env.PAYLOAD_SECRET ?? 'dev-only-payload-secret',
    serverURL: process.env.PUBLIC_URL ?? 'http://localhost:3000',
    // The committed types describe the default slugs. With renamed ones (TEST_SLUGS) the types go
    // to a scratch file, also when another config's boot runs `payload generate:types` on this one.
    typescript: {
      autoGenerate: renamed ? false : undefined,
      outputFile: renamed
        ? path.join(os.tmpdir(), 'em-payload-types-renamed-slugs.ts')
        : path.resolve(dirname, 'payload-types.ts'),
    },
  }
  return buildConfig(config)
}

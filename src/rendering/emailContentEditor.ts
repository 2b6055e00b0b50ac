import { BlocksFeature, lexicalEditor } from '@payloadcms/richtext-lexical'

import { emailBlocks } from './emailBlocks.js'

/**
 * The Lexical editor for email bodies: default features plus the email blocks. Typed through
 * lexicalEditor because the adapter's type is not exported and the inferred one would put a
 * path inside the installed packages into the declaration file.
 */
export const emailContentEditor = (): ReturnType<typeof lexicalEditor> =>
  lexicalEditor({
    features: ({ defaultFeatures }) => [...defaultFeatures, BlocksFeature({ blocks: emailBlocks })],
  })

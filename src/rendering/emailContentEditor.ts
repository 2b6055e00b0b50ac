import { BlocksFeature, lexicalEditor } from '@payloadcms/richtext-lexical'

import { emailBlocks } from './emailBlocks.js'

/** The Lexical editor for email bodies: default features plus the email blocks. */
export const emailContentEditor = () =>
  lexicalEditor({ features: ({ defaultFeatures }) => [...defaultFeatures, BlocksFeature({ blocks: emailBlocks })] })

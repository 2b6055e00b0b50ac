import { BlocksFeature, lexicalEditor } from '@payloadcms/richtext-lexical'

import { createEmailBlocks, emailBlocks } from './emailBlocks.js'

/**
 * The Lexical editor for email bodies: default features plus the email blocks, whose image block
 * also takes an upload from `uploadCollection` when given. Typed through lexicalEditor because the
 * adapter's type is not exported and the inferred one would put a path inside the installed
 * packages into the declaration file.
 */
export const emailContentEditor = (uploadCollection?: string): ReturnType<typeof lexicalEditor> =>
  lexicalEditor({
    features: ({ defaultFeatures }) => [
      ...defaultFeatures,
      BlocksFeature({
        blocks: uploadCollection ? createEmailBlocks({ uploadCollection }) : emailBlocks,
      }),
    ],
  })

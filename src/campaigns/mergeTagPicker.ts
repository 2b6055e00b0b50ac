/**
 * "Insert merge tag" under a text or rich-text field: puts Liquid at the caret without taking the
 * focus. `target` is the field's path; fields inside array rows (A/B variants) leave it out and
 * the picker uses the path Payload renders it at.
 */
export const mergeTagPicker = (target?: string, kind: 'richText' | 'text' = 'text') => ({
  afterInput: [
    {
      clientProps: target ? { kind, target } : { kind },
      path: 'payload-plugin-email-marketing/client#MergeTagPicker',
    },
  ],
})

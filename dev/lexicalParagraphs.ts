const paragraph = (text: string) => ({
  children: [{ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 }],
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  type: 'paragraph',
  version: 1,
})

/** A Lexical editor state of plain paragraphs (Liquid allowed in the text), for seeds and benches. */
export const lexicalParagraphs = (...texts: string[]) => ({
  root: {
    children: texts.map(paragraph),
    direction: 'ltr',
    format: '',
    indent: 0,
    type: 'root',
    version: 1,
  },
})

'use client'

/**
 * Types `text` into the rich-text editor inside `container`'s field at its caret (its last
 * selection when it lost focus), as the keyboard would: Lexical handles the browser's insertText
 * input like typing, so undo, formatting and the form value follow. Returns false when the editor
 * is read-only or missing.
 */
export const insertIntoRichText = (container: HTMLElement | null, text: string): boolean => {
  const editable = container
    ?.closest('.field-type')
    ?.querySelector<HTMLElement>('[contenteditable="true"]')
  if (!editable) return false
  if (!editable.contains(document.activeElement)) editable.focus()
  // execCommand is the one way to raise a trusted beforeinput that the editor treats as typing.
  return document.execCommand('insertText', false, text)
}

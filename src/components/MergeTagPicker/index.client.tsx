'use client'

import type { MouseEvent } from 'react'

import { Banner, Button, useConfig, useField, useFormFields } from '@payloadcms/ui'
import { useEffect, useRef, useState } from 'react'

import {
  loadMergeTags,
  mergeTagGroups,
  type MergeTagView,
} from '../CampaignActions/mergeTagsApi.js'
import { insertIntoRichText } from './insertIntoRichText.js'

/** Pressing a tag must not move focus off the text field: the caret stays where the editor typed. */
const keepFocus = (event: MouseEvent) => event.preventDefault()

/**
 * "Insert merge tag" under a campaign text field (subject, preheader) or the rich-text body:
 * inserts the chosen Liquid at the caret, replacing a selection, and hands focus back to the field
 * with the caret after the tag, so typing goes on there and never re-triggers a button. `target`
 * is the field's path; without it, the path Payload renders the picker at (an array row's field,
 * such as an A/B variant's subject, `abTest.variants.1.subject`).
 */
export const MergeTagPicker = ({
  kind = 'text',
  path,
  target: targetProp,
}: {
  kind?: 'richText' | 'text'
  path?: string
  target?: string
}) => {
  const target = targetProp ?? path ?? ''
  const { config } = useConfig()
  const { setValue, value } = useField<string>({ path: target })
  const status = useFormFields(([fields]) => fields.status?.value as string | undefined)
  const [open, setOpen] = useState(false)
  const [tags, setTags] = useState<MergeTagView[]>([])
  const [problem, setProblem] = useState<null | string>(null)
  const caret = useRef<{ end: number; start: number } | null>(null)
  const container = useRef<HTMLDivElement>(null)
  const inputId = `field-${target.replace(/\./g, '__')}`

  useEffect(() => {
    const input = document.getElementById(inputId) as HTMLInputElement | null
    if (!input) return
    const remember = () => {
      caret.current = { end: input.selectionEnd ?? 0, start: input.selectionStart ?? 0 }
    }
    const events = ['blur', 'keyup', 'mouseup', 'select'] as const
    events.forEach((name) => input.addEventListener(name, remember))
    return () => events.forEach((name) => input.removeEventListener(name, remember))
  }, [inputId])

  useEffect(() => {
    if (!open || tags.length > 0) return
    loadMergeTags(config.routes.api)
      .then(setTags)
      .catch((error: Error) => setProblem(error.message))
  }, [config.routes.api, open, tags.length])

  if (status && status !== 'draft') return null

  const insert = (liquid: string) => {
    if (kind === 'richText') {
      if (!insertIntoRichText(container.current, liquid))
        setProblem('The body is read-only here; nothing was inserted.')
      return
    }
    const input = document.getElementById(inputId) as HTMLInputElement | null
    const current = value ?? ''
    const focused = input && document.activeElement === input
    const start = focused
      ? (input.selectionStart ?? current.length)
      : (caret.current?.start ?? current.length)
    const end = focused ? (input.selectionEnd ?? start) : (caret.current?.end ?? start)
    setValue(current.slice(0, start) + liquid + current.slice(end))
    const after = start + liquid.length
    caret.current = { end: after, start: after }
    requestAnimationFrame(() => {
      input?.focus()
      input?.setSelectionRange(after, after)
    })
  }

  return (
    <div
      className="merge-tag-picker"
      data-merge-tag-picker={target}
      onMouseDown={keepFocus}
      ref={container}
      style={{ marginTop: 4 }}
    >
      <Button
        buttonStyle="subtle"
        extraButtonProps={{ 'aria-expanded': open, 'data-merge-tags-for': target }}
        margin={false}
        onClick={() => setOpen(!open)}
        size="small"
      >
        {open ? 'Hide merge tags' : 'Insert merge tag'}
      </Button>
      {problem && <Banner type="error">{problem}</Banner>}
      {open &&
        mergeTagGroups.map(({ group, label }) => {
          const inGroup = tags.filter((tag) => tag.group === group)
          if (inGroup.length === 0) return null
          return (
            <div
              key={group}
              style={{
                alignItems: 'center',
                display: 'flex',
                flexWrap: 'wrap',
                gap: 4,
                marginTop: 4,
              }}
            >
              <small style={{ minWidth: 64 }}>{label}</small>
              {inGroup.map((tag) => (
                <Button
                  buttonStyle="pill"
                  extraButtonProps={{ 'data-liquid': tag.liquid, title: tag.liquid }}
                  key={tag.liquid}
                  margin={false}
                  onClick={() => insert(tag.liquid)}
                  size="xsmall"
                >
                  {tag.label}
                </Button>
              ))}
            </div>
          )
        })}
    </div>
  )
}

'use client'

import type { DefaultCellComponentProps } from 'payload'

import { percent } from './reportApi.js'

/** A 0–1 rate of the campaigns list as a percentage; empty before anything was sent. */
export const RateCell = ({ cellData }: DefaultCellComponentProps) =>
  typeof cellData === 'number' ? <span>{percent(cellData)}</span> : <span>—</span>

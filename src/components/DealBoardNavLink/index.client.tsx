'use client'
import { useConfig } from '@payloadcms/ui'
import type React from 'react'

/** "Deal board" link under the sidebar's collection links. */
export const DealBoardNavLink: React.FC = () => {
  const { config } = useConfig()
  return (
    <a
      className="nav__link"
      href={`${config.routes.admin}/deal-board`}
      id="nav-deal-board"
      style={{ display: 'block', padding: '4px 0' }}
    >
      <span className="nav__link-label">Deal board</span>
    </a>
  )
}

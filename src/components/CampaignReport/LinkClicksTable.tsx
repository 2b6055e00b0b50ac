'use client'

import type { ReportData } from './reportApi.js'

import { cellStyle, headStyle, mutedStyle, numberCellStyle, tableStyle } from './reportTable.js'

/** Clicks per link: every click, and the recipients who clicked it. */
export const LinkClicksTable = ({ links }: { links: ReportData['links'] }) =>
  links.length === 0 ? (
    <p style={mutedStyle}>No clicks yet.</p>
  ) : (
    <table data-testid="report-links" style={tableStyle}>
      <thead>
        <tr>
          <th style={headStyle}>Link</th>
          <th style={{ ...headStyle, textAlign: 'right', width: 72 }}>Clicks</th>
          <th style={{ ...headStyle, textAlign: 'right', width: 72 }}>Unique</th>
        </tr>
      </thead>
      <tbody>
        {links.map((link) => (
          <tr data-testid="report-link" key={link.url}>
            <td style={cellStyle}>
              <a href={link.url} rel="noopener noreferrer" target="_blank">
                {link.url}
              </a>
            </td>
            <td style={numberCellStyle}>{link.total.toLocaleString()}</td>
            <td style={numberCellStyle}>{link.unique.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )

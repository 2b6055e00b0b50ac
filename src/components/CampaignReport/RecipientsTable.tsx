'use client'

import type { OptionObject } from 'payload'

import { Banner, Button, Pagination, Pill, SelectInput } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import {
  dateTime,
  fetchReport,
  recipientFilterOptions,
  type RecipientPageView,
} from './reportApi.js'
import { cellStyle, headStyle, mutedStyle, numberCellStyle, tableStyle } from './reportTable.js'

const pageSize = 25

/**
 * Who received the campaign, filtered by what they did, a page at a time; the export button
 * downloads the whole filtered set as CSV.
 */
export const RecipientsTable = ({ baseUrl }: { baseUrl: string }) => {
  const [filter, setFilter] = useState('all')
  const [page, setPage] = useState(1)
  const [data, setData] = useState<null | RecipientPageView>(null)
  const [error, setError] = useState<null | string>(null)

  useEffect(() => {
    let current = true
    fetchReport<RecipientPageView>(
      `${baseUrl}/recipients?event=${filter}&page=${page}&limit=${pageSize}`,
    )
      .then((next) => {
        if (!current) return
        setData(next)
        setError(null)
      })
      .catch((problem: Error) => current && setError(problem.message))
    return () => {
      current = false
    }
  }, [baseUrl, filter, page])

  return (
    <div data-filter={filter} data-testid="report-recipients">
      <div
        style={{
          alignItems: 'flex-end',
          display: 'flex',
          flexWrap: 'wrap',
          gap: 'calc(var(--base) * 0.5)',
          marginBottom: 'calc(var(--base) * 0.5)',
        }}
      >
        <div className="recipients-filter" style={{ flex: '1 1 200px', maxWidth: 320 }}>
          <SelectInput
            isClearable={false}
            label="Show recipients who"
            name="recipientsFilter"
            onChange={(option) => {
              setFilter(String((option as OptionObject | null)?.value ?? 'all'))
              setPage(1)
            }}
            options={recipientFilterOptions}
            path="recipientsFilter"
            value={filter}
          />
        </div>
        <Button
          buttonStyle="secondary"
          el="anchor"
          id="recipients-export"
          margin={false}
          size="medium"
          url={`${baseUrl}/recipients/export?event=${filter}`}
        >
          Export CSV
        </Button>
      </div>
      {error && <Banner type="error">{error}</Banner>}
      {data && (
        <>
          <p data-testid="recipients-count" style={mutedStyle}>
            {data.totalDocs.toLocaleString()} {data.totalDocs === 1 ? 'recipient' : 'recipients'}
          </p>
          {data.docs.length > 0 && (
            <table style={tableStyle}>
              <thead>
                <tr>
                  <th style={headStyle}>Recipient</th>
                  <th style={{ ...headStyle, width: 104 }}>Status</th>
                  <th style={{ ...headStyle, textAlign: 'right', width: 72 }}>Opens</th>
                  <th style={{ ...headStyle, textAlign: 'right', width: 72 }}>Clicks</th>
                </tr>
              </thead>
              <tbody>
                {data.docs.map((row) => {
                  const name = [row.firstName, row.lastName].filter(Boolean).join(' ')
                  return (
                    <tr data-testid="recipient-row" key={row.messageId}>
                      <td style={cellStyle}>
                        <div data-testid="recipient-email">{row.email}</div>
                        {name && <div style={mutedStyle}>{name}</div>}
                      </td>
                      <td style={cellStyle}>
                        <Pill size="small">{row.status}</Pill>
                      </td>
                      <td style={numberCellStyle} title={`First opened ${dateTime(row.openedAt)}`}>
                        {row.opens}
                      </td>
                      <td
                        style={numberCellStyle}
                        title={`First clicked ${dateTime(row.clickedAt)}`}
                      >
                        {row.clicks}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          )}
          {data.totalPages > 1 && (
            <Pagination
              hasNextPage={data.page < data.totalPages}
              hasPrevPage={data.page > 1}
              limit={data.limit}
              nextPage={data.page + 1}
              onChange={setPage}
              page={data.page}
              prevPage={data.page - 1}
              totalPages={data.totalPages}
            />
          )}
        </>
      )}
    </div>
  )
}

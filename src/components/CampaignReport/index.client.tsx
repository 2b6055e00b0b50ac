'use client'

import { Banner, Button, Gutter, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import { LinkClicksTable } from './LinkClicksTable.js'
import { MetricGrid } from './MetricGrid.js'
import { RecipientsTable } from './RecipientsTable.js'
import { ReportChart } from './ReportChart.js'
import { fetchReport, type ReportData } from './reportApi.js'
import { mutedStyle } from './reportTable.js'

const section = { marginTop: 'calc(var(--base) * 1.5)' }

/**
 * The campaign's Report tab: counts and rates, events over time, clicks per link and the
 * recipients table. Every number comes from the report endpoints (set-based SQL).
 */
export const CampaignReportView = () => {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const baseUrl = `${config.serverURL}${config.routes.api}/email-marketing/campaigns/${id}`
  const [bucket, setBucket] = useState<'day' | 'hour' | undefined>(undefined)
  const [report, setReport] = useState<null | ReportData>(null)
  const [error, setError] = useState<null | string>(null)

  const load = useCallback(async () => {
    try {
      setReport(
        await fetchReport<ReportData>(`${baseUrl}/report${bucket ? `?bucket=${bucket}` : ''}`),
      )
      setError(null)
    } catch (problem) {
      setError((problem as Error).message)
    }
  }, [baseUrl, bucket])

  useEffect(() => {
    void load()
  }, [load])

  const shown = report?.timeline.bucket
  return (
    <Gutter>
      <div data-testid="campaign-report" style={{ paddingBottom: 'calc(var(--base) * 2)' }}>
        <div
          style={{
            alignItems: 'center',
            display: 'flex',
            flexWrap: 'wrap',
            gap: 'calc(var(--base) * 0.5)',
            justifyContent: 'space-between',
            marginTop: 'var(--base)',
          }}
        >
          <h2 style={{ margin: 0 }}>Report</h2>
          <Button buttonStyle="secondary" margin={false} onClick={() => void load()} size="small">
            Refresh
          </Button>
        </div>
        {error && <Banner type="error">{error}</Banner>}
        {report && (
          <>
            <p style={mutedStyle}>
              {report.recipients.toLocaleString()} recipients, {report.sent.toLocaleString()} sent.
            </p>
            <MetricGrid metrics={report.metrics} sent={report.sent} />
            <section style={section}>
              <div
                style={{
                  alignItems: 'center',
                  display: 'flex',
                  flexWrap: 'wrap',
                  gap: 'calc(var(--base) * 0.5)',
                  justifyContent: 'space-between',
                }}
              >
                <h3 style={{ margin: 0 }}>Over time</h3>
                <div role="group" aria-label="Bucket size" style={{ display: 'flex', gap: 4 }}>
                  {(['hour', 'day'] as const).map((size) => (
                    <Button
                      buttonStyle={shown === size ? 'primary' : 'secondary'}
                      id={`report-bucket-${size}`}
                      key={size}
                      margin={false}
                      onClick={() => setBucket(size)}
                      size="small"
                    >
                      {size === 'hour' ? 'Hourly' : 'Daily'}
                    </Button>
                  ))}
                </div>
              </div>
              <ReportChart bucket={report.timeline.bucket} buckets={report.timeline.buckets} />
            </section>
            <section style={section}>
              <h3>Clicks per link</h3>
              <LinkClicksTable links={report.links} />
            </section>
          </>
        )}
        <section style={section}>
          <h3>Recipients</h3>
          {id ? <RecipientsTable baseUrl={baseUrl} /> : null}
        </section>
      </div>
    </Gutter>
  )
}

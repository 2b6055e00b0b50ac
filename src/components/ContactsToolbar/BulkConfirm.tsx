'use client'
import { Banner, Button } from '@payloadcms/ui'

/** The confirm step: says what will happen to how many contacts, before anything changes. */
export const BulkConfirm = ({
  busy,
  count,
  description,
  destructive,
  onCancel,
  onConfirm,
}: {
  busy: boolean
  count: number
  description: string
  destructive: boolean
  onCancel: () => void
  onConfirm: () => void
}) => (
  <div data-testid="bulk-confirm">
    <Banner type={destructive ? 'error' : 'info'}>
      {count === 0
        ? 'No contact matches, so there is nothing to change.'
        : `${description} ${count.toLocaleString('en')} contact${count === 1 ? '' : 's'}.`}
    </Banner>
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      {count > 0 ? (
        <Button
          buttonStyle={destructive ? 'error' : 'primary'}
          disabled={busy}
          margin={false}
          onClick={onConfirm}
          size="small"
        >
          {`Confirm for ${count.toLocaleString('en')} contact${count === 1 ? '' : 's'}`}
        </Button>
      ) : null}
      <Button buttonStyle="secondary" margin={false} onClick={onCancel} size="small">
        Cancel
      </Button>
    </div>
  </div>
)

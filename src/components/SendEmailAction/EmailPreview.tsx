'use client'

export type RenderedEmail = { html?: string; subject?: string; templateAlias?: string; to: string }

/** The rendered 1:1 email as the recipient will get it; scripts in the body cannot run (sandboxed frame). */
export const EmailPreview = ({ email }: { email: RenderedEmail }) => (
  <div className="email-composer__preview" style={{ marginBottom: 'var(--base)' }}>
    <p style={{ margin: '0 0 4px' }}>
      <strong>To:</strong> <span data-testid="composer-preview-to">{email.to}</span>
    </p>
    {email.templateAlias ? (
      <p style={{ margin: 0 }}>
        Postmark fills in the template “{email.templateAlias}” when the email is sent.
      </p>
    ) : (
      <>
        <p style={{ margin: '0 0 8px' }}>
          <strong>Subject:</strong>{' '}
          <span data-testid="composer-preview-subject">{email.subject}</span>
        </p>
        <iframe
          data-testid="composer-preview-frame"
          sandbox=""
          srcDoc={email.html ?? ''}
          style={{
            background: '#fff',
            border: '1px solid var(--theme-elevation-150)',
            height: 320,
            width: '100%',
          }}
          title="Email preview"
        />
      </>
    )}
  </div>
)

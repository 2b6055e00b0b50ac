import { escapeHtml } from '../rendering/escape.js'

const styles = `
  body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #f6f6f4; margin: 0; }
  main { max-width: 32rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  label { display: block; margin: 1rem 0 0.25rem; font-weight: 600; }
  .check { display: flex; gap: 0.5rem; align-items: flex-start; font-weight: normal; }
  input[type=email], input[type=text] { width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit; border: 1px solid #767676; border-radius: 4px; }
  button { margin-top: 1.25rem; padding: 0.6rem 1.2rem; font: inherit; border: 0; border-radius: 4px; background: #1d4ed8; color: #fff; cursor: pointer; }
  button.secondary { background: #4b5563; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  [role=status], [role=alert] { padding: 0.75rem; border-radius: 4px; background: #ecfdf5; }
  [role=alert] { background: #fef2f2; }
  fieldset { border: 1px solid #d4d4d4; border-radius: 4px; margin-top: 1rem; }
`

/** A whole server-rendered page: no JavaScript, every control labelled. `body` must already be escaped. */
export const htmlPage = (title: string, body: string, status = 200): Response =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${styles}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    {
      headers: {
        'cache-control': 'no-store',
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        'content-type': 'text/html; charset=utf-8',
        'referrer-policy': 'no-referrer',
      },
      status,
    },
  )

export const messagePage = (title: string, message: string, status = 200): Response =>
  htmlPage(
    title,
    `<p role="${status >= 400 ? 'alert' : 'status'}">${escapeHtml(message)}</p>`,
    status,
  )

export const hiddenInput = (name: string, value: string): string =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`

export { escapeHtml }

import { createTestDatabase } from '../helpers/testDatabase'
import { type AppServer, startAppServer, stopAppServer } from './appServer'

/**
 * The other browser tests use a production build; this checks that `npm run dev`'s app (next dev)
 * still compiles and serves the admin, on its own port and database.
 */
let server: AppServer | undefined
let database: { drop: () => Promise<void>; url: string } | undefined

afterAll(async () => {
  stopAppServer(server)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await database?.drop()
})

it('serves the admin login page from next dev', async () => {
  const port = Number(process.env.E2E_PORT ?? 3100) + 1
  database = await createTestDatabase(`e2e_dev_${port}`)
  server = await startAppServer({
    databaseUrl: database.url,
    mode: 'development',
    port,
    postmarkUrl: process.env.E2E_POSTMARK_URL ?? 'http://127.0.0.1:9',
  })
  const response = await fetch(`${server.url}/admin/login`)
  expect(response.status).toBe(200)
  // The login form itself renders on the client; the server sends the page with its title and the form's component.
  const html = await response.text()
  expect(html).toContain('<title>Login - Payload</title>')
  expect(html).toContain('LoginForm')
}, 400_000)

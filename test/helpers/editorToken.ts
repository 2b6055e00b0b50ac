import type { Payload } from 'payload'

/** Creates an admin user and logs it in: the JWT for a spec's REST calls. */
export const editorToken = async (
  payload: Payload,
  email = 'editor@example.com',
): Promise<string> => {
  const password = 'editor-password'
  await payload.create({ collection: 'users', data: { email, password } as never })
  return (await payload.login({ collection: 'users', data: { email, password } })).token as string
}

'use client'

export type MergeTagView = {
  group: 'campaign' | 'contact' | 'links'
  label: string
  liquid: string
}

const loaded = new Map<string, Promise<MergeTagView[]>>()

/** The merge tags from the server, fetched once per page for every picker on it. */
export const loadMergeTags = (apiRoute: string): Promise<MergeTagView[]> => {
  let tags = loaded.get(apiRoute)
  if (!tags) {
    tags = fetch(`${apiRoute}/email-marketing/merge-tags`, { credentials: 'include' }).then(
      async (response) => {
        if (!response.ok) {
          loaded.delete(apiRoute)
          throw new Error(`The merge tags could not be loaded (HTTP ${response.status}).`)
        }
        return ((await response.json()) as { tags: MergeTagView[] }).tags
      },
    )
    loaded.set(apiRoute, tags)
  }
  return tags
}

export const mergeTagGroups: { group: MergeTagView['group']; label: string }[] = [
  { group: 'contact', label: 'Contact' },
  { group: 'links', label: 'Links' },
  { group: 'campaign', label: 'Campaign' },
]

export type MessageTimelineEvent = {
  at: string
  /** queued, sent, delivered, opened, clicked, bounced, complained, suppressed, failed... */
  type: string
  url?: null | string
}

export type TimelineItem =
  | {
      at: string
      events: MessageTimelineEvent[]
      kind: string
      lastError: null | string
      messageId: number
      /**
       * The retention policy removed this email's body, or per-event rows older than its window
       * (the first open and click remain on the message).
       */
      pruned: boolean
      status: string
      subject: null | string
      to: string
      type: 'message'
    }
  | {
      at: string
      automation: string
      automationId: null | number
      detail: null | string
      step: string
      /** The step's position ("0", "2.yes.0") and type ("sendEmail"), for readable wording. */
      stepPath: null | string
      stepType: null | string
      /** The subject of the email the step queued, if it did. */
      subject: null | string
      type: 'automation'
    }
  | {
      at: string
      dealId: number
      dealTitle: string
      fromStage: null | string
      status: string
      toStage: null | string
      type: 'deal'
    }
  | {
      at: string
      listId: number
      listName: string
      status: 'pending' | 'subscribed' | 'unsubscribed'
      type: 'subscription'
    }

/** The contact's email engagement over its whole history; retention does not change it. */
export type TimelineSummary = {
  clicks: number
  emails: number
  lastClickedAt: null | string
  lastOpenedAt: null | string
  opens: number
}

export type TimelinePage = {
  hasNextPage: boolean
  items: TimelineItem[]
  page: number
  pageSize: number
  summary: TimelineSummary
}

/** Webhook bodies shaped like Postmark's documented examples (postmark client's *Webhook types). */
export const deliveryBody = (
  messageId: string,
  recipient: string,
  deliveredAt = '2026-11-01T10:00:00Z',
) => ({
  DeliveredAt: deliveredAt,
  Details: 'Test delivery webhook details',
  MessageID: messageId,
  MessageStream: 'broadcast',
  Metadata: {},
  Recipient: recipient,
  RecordType: 'Delivery',
  ServerID: 23,
  Tag: 'welcome-email',
})

export const bounceBody = (
  id: number,
  messageId: string,
  email: string,
  type = 'HardBounce',
  bouncedAt = '2026-11-01T10:05:00Z',
) => ({
  BouncedAt: bouncedAt,
  CanActivate: true,
  Content: 'Return-Path:...',
  Description:
    'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
  Details: 'Test bounce details',
  DumpAvailable: true,
  Email: email,
  From: 'sender@example.com',
  ID: id,
  Inactive: type === 'HardBounce',
  MessageID: messageId,
  MessageStream: 'broadcast',
  Metadata: {},
  Name: type === 'HardBounce' ? 'Hard bounce' : 'Soft bounce/Undeliverable',
  RecordType: 'Bounce',
  ServerID: 1234,
  Subject: 'Test subject',
  Tag: 'Test',
  Type: type,
  TypeCode: type === 'HardBounce' ? 1 : 4096,
})

export const spamComplaintBody = (id: number, messageId: string, email: string) => ({
  ...bounceBody(id, messageId, email),
  Name: 'Spam complaint',
  RecordType: 'SpamComplaint',
  Type: 'SpamComplaint',
  TypeCode: 512,
})

const client = { Company: 'Google', Family: 'Chrome', Name: 'Chrome 35.0.1916.153' }
const geo = {
  City: 'Novi Sad',
  Country: 'Serbia',
  CountryISOCode: 'RS',
  IP: '188.2.95.4',
  Region: 'Autonomna Pokrajina Vojvodina',
  RegionISOCode: 'VO',
  Zip: '21000',
}

export const openBody = (
  messageId: string,
  recipient: string,
  receivedAt: string,
  metadata: Record<string, string> = {},
) => ({
  Client: client,
  FirstOpen: true,
  Geo: geo,
  MessageID: messageId,
  MessageStream: 'broadcast',
  Metadata: metadata,
  OS: { Company: 'Microsoft Corporation', Family: 'Windows 7', Name: 'Windows 7' },
  Platform: 'WebMail',
  ReadSeconds: 5,
  ReceivedAt: receivedAt,
  Recipient: recipient,
  RecordType: 'Open',
  Tag: 'welcome-email',
  UserAgent: 'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36',
})

export const clickBody = (
  messageId: string,
  recipient: string,
  link: string,
  receivedAt: string,
) => ({
  ClickLocation: 'HTML',
  Client: client,
  Geo: geo,
  MessageID: messageId,
  MessageStream: 'broadcast',
  Metadata: {},
  OriginalLink: link,
  OS: { Company: 'Apple Inc.', Family: 'OS X 10', Name: 'OS X 10.7 Lion' },
  Platform: 'Desktop',
  ReceivedAt: receivedAt,
  Recipient: recipient,
  RecordType: 'Click',
  Tag: 'welcome-email',
  UserAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_7_5) AppleWebKit/537.36',
})

export const subscriptionChangeBody = (
  messageId: null | string,
  recipient: string,
  suppress: boolean,
  changedAt: string,
  reason = 'ManualSuppression',
) => ({
  ChangedAt: changedAt,
  MessageID: messageId,
  MessageStream: 'broadcast',
  Metadata: {},
  Origin: 'Recipient',
  Recipient: recipient,
  RecordType: 'SubscriptionChange',
  ServerID: 123456,
  SuppressSending: suppress,
  SuppressionReason: suppress ? reason : null,
  Tag: 'my-tag',
})

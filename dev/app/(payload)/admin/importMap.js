import { ContactOverview as ContactOverview_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { ContactTimeline as ContactTimeline_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { SendEmailToSelected as SendEmailToSelected_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { ContactsToolbar as ContactsToolbar_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { SendEmailAction as SendEmailAction_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { ContactDataActions as ContactDataActions_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { SubscriberCountsCell as SubscriberCountsCell_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { ListMembers as ListMembers_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { SegmentCount as SegmentCount_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { DocumentPicker as DocumentPicker_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { CampaignActions as CampaignActions_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { MergeTagPicker as MergeTagPicker_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { BlocksFeatureClient as BlocksFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ScheduledAtCell as ScheduledAtCell_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { ScheduledForField as ScheduledForField_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { RateCell as RateCell_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { CampaignReportView as CampaignReportView_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { AutomationFlow as AutomationFlow_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { StepEmailPreview as StepEmailPreview_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { SendEmailTemplatePreview as SendEmailTemplatePreview_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { DealStageField as DealStageField_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { MessageView as MessageView_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { ContactImportControls as ContactImportControls_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { ImportStatusField as ImportStatusField_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { DealBoardNavLink as DealBoardNavLink_e29f427c80db0ea6b4c9fdb0c0ce7f7e } from 'payload-plugin-email-marketing/client'
import { EmailMarketingDashboard as EmailMarketingDashboard_a85c6c9923277f9eaca49252b9585692 } from 'payload-plugin-email-marketing/rsc'
import { DealBoardView as DealBoardView_a85c6c9923277f9eaca49252b9585692 } from 'payload-plugin-email-marketing/rsc'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "payload-plugin-email-marketing/client#ContactOverview": ContactOverview_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#ContactTimeline": ContactTimeline_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#SendEmailToSelected": SendEmailToSelected_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#ContactsToolbar": ContactsToolbar_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#SendEmailAction": SendEmailAction_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#ContactDataActions": ContactDataActions_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#SubscriberCountsCell": SubscriberCountsCell_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#ListMembers": ListMembers_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#SegmentCount": SegmentCount_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#DocumentPicker": DocumentPicker_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#CampaignActions": CampaignActions_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#MergeTagPicker": MergeTagPicker_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#BlocksFeatureClient": BlocksFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "payload-plugin-email-marketing/client#ScheduledAtCell": ScheduledAtCell_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#ScheduledForField": ScheduledForField_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#RateCell": RateCell_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#CampaignReportView": CampaignReportView_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#AutomationFlow": AutomationFlow_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#StepEmailPreview": StepEmailPreview_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#SendEmailTemplatePreview": SendEmailTemplatePreview_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#DealStageField": DealStageField_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#MessageView": MessageView_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#ContactImportControls": ContactImportControls_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#ImportStatusField": ImportStatusField_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/client#DealBoardNavLink": DealBoardNavLink_e29f427c80db0ea6b4c9fdb0c0ce7f7e,
  "payload-plugin-email-marketing/rsc#EmailMarketingDashboard": EmailMarketingDashboard_a85c6c9923277f9eaca49252b9585692,
  "payload-plugin-email-marketing/rsc#DealBoardView": DealBoardView_a85c6c9923277f9eaca49252b9585692,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}

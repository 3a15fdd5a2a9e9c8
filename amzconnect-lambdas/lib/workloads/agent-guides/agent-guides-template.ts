import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { NoticeTemplateContent, readNoticeTemplate } from './notice-template';

/** Properties of {@link AgentGuidesTemplate}. */
export interface AgentGuidesTemplateProps {
  /** The template's name in the account and Region, from `workloads.agent-guides.email.template`. */
  readonly templateName: string;
  /** The subject, text and HTML parts. @default the files of `config/templates/agent-guides/cancellation-notice/` */
  readonly content?: NoticeTemplateContent;
}

/**
 * The SES template the guides' send functions e-mail the cancellation notice with:
 * `AWS::SES::Template` with `Template.TemplateName`, `SubjectPart`, `TextPart` and `HtmlPart`
 * (CloudFormation reference, "AWS::SES::Template" and its `Template` property type). Its content
 * is the same in every environment; only the name comes from the environment's config.
 */
export class AgentGuidesTemplate extends Construct {
  /** The template. */
  public readonly template: ses.CfnTemplate;

  constructor(scope: Construct, id: string, props: AgentGuidesTemplateProps) {
    super(scope, id);
    const content = props.content ?? readNoticeTemplate();
    this.template = new ses.CfnTemplate(this, 'Template', {
      template: {
        templateName: props.templateName,
        subjectPart: content.subject,
        textPart: content.text,
        htmlPart: content.html,
      },
    });
  }
}

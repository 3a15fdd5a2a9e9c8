import { CfnOutput, Fn } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { ssmParameterName } from '@amzconnect/env/contracts';

/** Properties of {@link EmailChannelSes}. */
export interface EmailChannelSesProps {
  /** Application prefix, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`. */
  readonly envName: string;
  /** The channel's mail domain, e.g. `mail.example.com`. */
  readonly domain: string;
  /**
   * Create the domain identity with Easy DKIM and output its DKIM records. `false` where the
   * identity exists already in this account and Region. @default true
   */
  readonly manageIdentity?: boolean;
}

/** SSM names of what the readiness check reads about the channel's SES set-up. */
export const EmailChannelSesParameters = {
  /** The sending and receiving domain identity, e.g. `mail.example.com`. */
  identity: (app: string, env: string) =>
    ssmParameterName(app, env, 'workloads', 'email-channel', 'ses-identity'),
  /** The channel's configuration set. */
  configurationSet: (app: string, env: string) =>
    ssmParameterName(app, env, 'workloads', 'email-channel', 'ses-configuration-set'),
} as const;

/**
 * The channel's SES prerequisites that CloudFormation can create: a configuration set with
 * reputation metrics and sending events as CloudWatch metrics, and, when asked, the domain identity
 * with Easy DKIM (the configuration set as its default) and one stack output per DKIM CNAME record
 * for the domain's DNS. What cannot be code (leaving the SES sandbox, the DNS records themselves)
 * is left to the readiness check, which finds the names in SSM ({@link EmailChannelSesParameters}).
 */
export class EmailChannelSes extends Construct {
  /** The configuration set every answer is sent with. */
  public readonly configurationSet: ses.ConfigurationSet;
  /** The domain identity; `undefined` when it is not managed here. */
  public readonly identity?: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props: EmailChannelSesProps) {
    super(scope, id);
    const { app, envName, domain } = props;
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `${app}-${envName}-email-channel`,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    // Sending events as CloudWatch metrics (no extra resource); the dimension's default value is
    // used for mail sent without the message tag. Event types: the SES v2 EventType enumeration.
    this.configurationSet.addEventDestination('Metrics', {
      destination: ses.EventDestination.cloudWatchDimensions([
        { name: 'channel', source: ses.CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: 'email-channel' },
      ]),
      events: [
        ses.EmailSendingEvent.SEND,
        ses.EmailSendingEvent.DELIVERY,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.RENDERING_FAILURE,
      ],
    });

    if (props.manageIdentity ?? true) {
      // AWS::SES::EmailIdentity: Easy DKIM is the default signing (DkimSigningAttributes absent),
      // and the attributes DkimDNSTokenName1..3 / DkimDNSTokenValue1..3 are the three CNAME
      // records to publish (CloudFormation reference, "AWS::SES::EmailIdentity", Return values).
      // ConfigurationSetAttributes makes the set the identity's default, so every send from the
      // domain reports to it without naming it.
      const identity = new ses.EmailIdentity(this, 'Identity', {
        identity: ses.Identity.domain(domain),
        configurationSet: this.configurationSet,
      });
      this.identity = identity;
      const records: [string, string][] = [
        [identity.dkimDnsTokenName1, identity.dkimDnsTokenValue1],
        [identity.dkimDnsTokenName2, identity.dkimDnsTokenValue2],
        [identity.dkimDnsTokenName3, identity.dkimDnsTokenValue3],
      ];
      records.forEach(([name, value], i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          description: `DKIM record ${i + 1} of 3 for ${domain}: publish as a CNAME record in the domain's DNS (Easy DKIM).`,
          value: Fn.join(' ', [name, 'CNAME', value]),
        });
      });
    }

    new ssm.StringParameter(this, 'IdentityParameter', {
      parameterName: EmailChannelSesParameters.identity(app, envName),
      stringValue: domain,
      description: `SES identity the email channel sends and receives as (${props.manageIdentity === false ? 'adopted' : 'created by this stack'})`,
    });
    new ssm.StringParameter(this, 'ConfigurationSetParameter', {
      parameterName: EmailChannelSesParameters.configurationSet(app, envName),
      stringValue: this.configurationSet.configurationSetName,
      description: 'SES configuration set of the email channel',
    });
  }
}

import { CfnOutput } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct, IDependable } from 'constructs';

/** Properties of {@link EmailAgentSecurityProfile}. */
export interface EmailAgentSecurityProfileProps {
  /** Application prefix, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`. */
  readonly envName: string;
  /** ARN of the environment's Connect instance in this Region. */
  readonly connectInstanceArn: string;
  /** Namespace of the agent workspace application (`AWS::AppIntegrations::Application` `Namespace`). */
  readonly applicationNamespace: string;
  /**
   * What must exist before the profile names the application: its association with the instance
   * (a security profile can only give access to an application the instance knows).
   */
  readonly after: IDependable;
}

/**
 * Security profile permissions (API names) an agent needs to work email tasks, besides the app
 * (Amazon Connect Administrator Guide, "List of security profile permissions"):
 * `BasicAgentAccess` ("Contact Control Panel (CCP) - Access CCP": the agent workspace, where
 * tasks are offered, accepted and closed) and `TransferDestinations.View` ("Quick connects -
 * View": agents need it to see the quick connects of the email transfer flow).
 */
export const EMAIL_AGENT_PROFILE_PERMISSIONS: readonly string[] = [
  'BasicAgentAccess',
  'TransferDestinations.View',
];

/**
 * The only permission a security profile can give on a third-party application (CloudFormation
 * reference, `AWS::Connect::SecurityProfile` Application, `ApplicationPermissions`: "For
 * third-party applications, only the ACCESS permission is supported").
 */
export const APPLICATION_ACCESS = 'ACCESS';

/**
 * A security profile of its own, `<app>-<env>-email-agent`, giving agents the email task app in
 * the agent workspace: `Applications` names the app's namespace with `ACCESS`, `Permissions` are
 * {@link EMAIL_AGENT_PROFILE_PERMISSIONS}, no access-control tags or hierarchy restrictions
 * (CloudFormation reference, "AWS::Connect::SecurityProfile": `Applications`, `Permissions`,
 * `AllowedAccessControlTags`). Admins add it to the agents' existing profiles: a Connect user
 * holds up to 10 security profiles and gets what any of them allows (Connect API reference,
 * UpdateUserSecurityProfiles, `SecurityProfileIds`: 1-10 items).
 *
 * It does not extend the adopter's own profiles: `UpdateSecurityProfile` takes the profile's
 * whole `Applications` list (the SDK model of `@aws-sdk/client-connect` documents no merge), so
 * adding the app would be a read-modify-write racing the admins' own edits, and removing it on
 * stack deletion could drop what they added meanwhile.
 */
export class EmailAgentSecurityProfile extends Construct {
  /** The profile. */
  public readonly profile: connect.CfnSecurityProfile;
  /** Its name in the instance, `<app>-<env>-email-agent`. */
  public readonly profileName: string;

  constructor(scope: Construct, id: string, props: EmailAgentSecurityProfileProps) {
    super(scope, id);
    this.profileName = `${props.app}-${props.envName}-email-agent`;
    this.profile = new connect.CfnSecurityProfile(this, 'Profile', {
      instanceArn: props.connectInstanceArn,
      securityProfileName: this.profileName,
      description:
        'Email task app in the agent workspace, CCP access and quick connects; add it to the agents of the email channel.',
      permissions: [...EMAIL_AGENT_PROFILE_PERMISSIONS],
      applications: [
        {
          namespace: props.applicationNamespace,
          applicationPermissions: [APPLICATION_ACCESS],
          type: 'THIRD_PARTY_APPLICATION',
        },
      ],
    });
    this.profile.node.addDependency(props.after);
    new CfnOutput(this, 'Name', {
      description: `Security profile to add to the email agents of ${props.app} ${props.envName} (Users → agent → Security profiles; it gives the email task app)`,
      value: this.profileName,
    });
    new CfnOutput(this, 'Arn', {
      description: 'ARN of that security profile (UpdateUserSecurityProfiles takes its id, the last part)',
      value: this.profile.attrSecurityProfileArn,
    });
  }
}

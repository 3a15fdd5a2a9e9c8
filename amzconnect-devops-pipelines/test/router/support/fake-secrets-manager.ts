import { FakeAwsJsonService, startFakeAwsJsonService } from './fake-aws-json-service';

export const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:999999999999:secret:github-webhook-AbCdEf';

/** Mutable state of the fake: secret value per staging label, and an outage switch. */
export interface SecretsState {
  stages: Partial<Record<'AWSCURRENT' | 'AWSPREVIOUS', string>>;
  unavailable: boolean;
  /**
   * Creation time of each version, epoch seconds (GetSecretValue `CreatedDate`).
   * @default now, so that a rotation has just happened
   */
  created?: Partial<Record<'AWSCURRENT' | 'AWSPREVIOUS', number>>;
}

/**
 * A fake Secrets Manager speaking its JSON protocol (`secretsmanager.GetSecretValue`): answers by
 * `VersionStage`, with ResourceNotFoundException for a label no version carries, as the service does.
 */
export async function startFakeSecretsManager(state: SecretsState): Promise<FakeAwsJsonService> {
  return startFakeAwsJsonService((operation, body) => {
    if (state.unavailable) return { error: 'InternalServiceError', message: 'unavailable', status: 500 };
    if (operation !== 'GetSecretValue' || body.SecretId !== SECRET_ARN) {
      return {
        error: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret.",
      };
    }
    const stage = (body.VersionStage as 'AWSCURRENT' | 'AWSPREVIOUS' | undefined) ?? 'AWSCURRENT';
    const value = state.stages[stage];
    if (value === undefined) {
      return {
        error: 'ResourceNotFoundException',
        message: `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
      };
    }
    return {
      body: {
        ARN: SECRET_ARN,
        Name: 'github-webhook',
        SecretString: value,
        VersionId: `${stage.toLowerCase()}-version`,
        VersionStages: [stage],
        CreatedDate: state.created?.[stage] ?? Math.floor(Date.now() / 1000),
      },
    };
  });
}

import { decideNextStep } from '../../src/plan-continuer/decide-next-step';

const COMMIT = 'c'.repeat(40);
const ALLOWED = new Set([
  'amzconnect-lambdas-develop',
  'amzconnect-contact-flows-develop',
  'amzconnect-instance-develop',
]);
const execution = (variables: Record<string, string>) => ({
  pipeline: 'amzconnect-instance-develop',
  executionId: 'e-1',
  variables,
});

describe('decideNextStep', () => {
  it('starts the next pipeline with the same commit and the rest of the plan', () => {
    expect(
      decideNextStep(
        execution({
          RELEASE_PLAN: '["amzconnect-lambdas-develop","amzconnect-contact-flows-develop"]',
          RELEASE_COMMIT: COMMIT,
          RELEASE_SUBPROJECTS: 'instance,lambdas,contact-flows',
        }),
        ALLOWED,
      ),
    ).toEqual({
      action: 'start',
      pipeline: 'amzconnect-lambdas-develop',
      commit: COMMIT,
      remaining: ['amzconnect-contact-flows-develop'],
      subprojects: 'instance,lambdas,contact-flows',
      reason:
        'amzconnect-instance-develop succeeded; amzconnect-lambdas-develop continues the release of ccccccc',
    });
  });

  it('finishes on an empty plan', () => {
    expect(decideNextStep(execution({ RELEASE_PLAN: '[]', RELEASE_COMMIT: COMMIT }), ALLOWED)).toEqual({
      action: 'done',
      reason: 'release plan complete after amzconnect-instance-develop',
    });
  });

  it.each([[{}], [{ RELEASE_PLAN: '' }], [{ RELEASE_PLAN: '  ' }]])(
    'finishes when the execution ran outside a plan: %j',
    (variables) => {
      expect(decideNextStep(execution(variables), ALLOWED)).toEqual({
        action: 'done',
        reason: 'amzconnect-instance-develop ran outside a release plan (no RELEASE_PLAN)',
      });
    },
  );

  it.each([
    [
      { RELEASE_PLAN: '[', RELEASE_COMMIT: COMMIT },
      'RELEASE_PLAN of amzconnect-instance-develop is not JSON',
    ],
    [
      { RELEASE_PLAN: '{"a":1}', RELEASE_COMMIT: COMMIT },
      'RELEASE_PLAN of amzconnect-instance-develop must be a JSON array of pipeline names',
    ],
    [
      { RELEASE_PLAN: '[1]', RELEASE_COMMIT: COMMIT },
      'RELEASE_PLAN of amzconnect-instance-develop must be a JSON array of pipeline names',
    ],
    [
      { RELEASE_PLAN: '["amzconnect-devops-pipelines"]', RELEASE_COMMIT: COMMIT },
      'amzconnect-devops-pipelines is not a release pipeline of this platform',
    ],
    [
      { RELEASE_PLAN: '["amzconnect-lambdas-develop"]', RELEASE_COMMIT: 'main' },
      'RELEASE_COMMIT of amzconnect-instance-develop is not a commit id',
    ],
    [
      { RELEASE_PLAN: '["amzconnect-lambdas-develop"]' },
      'RELEASE_COMMIT of amzconnect-instance-develop is not a commit id',
    ],
  ])('rejects %j', (variables, reason) => {
    expect(decideNextStep(execution(variables), ALLOWED)).toEqual({ action: 'reject', reason });
  });
});

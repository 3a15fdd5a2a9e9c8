import { RemovalPolicy } from 'aws-cdk-lib';
import { dataRemovalPolicy, isProductionEnvironment, lifecyclePolicy } from '../lib';

const tooling = { branch: 'main' };

describe('lifecyclePolicy', () => {
  it('treats the environment deploying from the tooling branch as production: retained and protected', () => {
    expect(lifecyclePolicy({ branch: 'main' }, tooling)).toEqual({
      production: true,
      retainOnDelete: true,
      terminationProtection: true,
    });
  });

  it('retains data and leaves protection off for other environments by default', () => {
    expect(lifecyclePolicy({ branch: 'staging' }, tooling)).toEqual({
      production: false,
      retainOnDelete: true,
      terminationProtection: false,
    });
  });

  it('lets a non-production environment opt out of retention and opt in to protection', () => {
    expect(
      lifecyclePolicy({ branch: 'develop' }, tooling, { retainOnDelete: false, terminationProtection: true }),
    ).toEqual({
      production: false,
      retainOnDelete: false,
      terminationProtection: true,
    });
  });

  it('treats an environment marked "production": true as production whatever its branch', () => {
    // Act
    const policy = lifecyclePolicy({ branch: 'release' }, tooling, {
      production: true,
      retainOnDelete: false,
    });

    // Assess
    expect(policy).toEqual({ production: true, retainOnDelete: true, terminationProtection: true });
    expect(isProductionEnvironment({ branch: 'release' }, tooling, { production: true })).toBe(true);
  });
});

describe('dataRemovalPolicy', () => {
  it('maps retention to RETAIN and the dev opt-out to DESTROY', () => {
    expect(dataRemovalPolicy({ retainOnDelete: true })).toBe(RemovalPolicy.RETAIN);
    expect(dataRemovalPolicy({ retainOnDelete: false })).toBe(RemovalPolicy.DESTROY);
  });
});

import { deploymentTargets, existingInstanceIn, subprojectStackName } from '@amzconnect/env';
import { targetStackSynthesizer, type AddStacks } from '@amzconnect/env/cdk';
import { ConnectInstanceStack } from './connect-instance-stack';
import type { InstanceConfig } from './instance-config';
import { lifecyclePolicy } from './lifecycle-policy';
import { customerProfilesDomainNameFor, instanceAliasFor, loadInstanceConfig } from './load-instance-config';
import { targetResourceName } from './target-resource-name';

/** Sub-project id used in stack names. */
export const INSTANCE_SUBPROJECT = 'instance' as const;

/** Name (and construct id) of the instance stack of one environment and Region. */
export function instanceStackName(app: string, environment: string, region: string): string {
  return subprojectStackName({ app, name: environment }, INSTANCE_SUBPROJECT, region);
}

/**
 * Builds {@link addInstanceStacks} for a given instance configuration (tests pass their own);
 * `addInstanceStacks` itself loads `config/instance.json`.
 */
export function addInstanceStacksWith(instanceConfig?: InstanceConfig): AddStacks {
  return (app, config, options) => {
    const instance = instanceConfig ?? loadInstanceConfig(undefined, { platform: config });
    return deploymentTargets(config, options?.environments).map(({ environment, region }) => {
      const name = instanceStackName(environment.app, environment.name, region);
      const existingInstance = existingInstanceIn(environment, region);
      const settings = instance.environments[environment.name] ?? {};
      return new ConnectInstanceStack(app, name, {
        stackName: name,
        env: { account: environment.account, region },
        synthesizer: targetStackSynthesizer(environment),
        description: existingInstance
          ? `Admin objects and parameters of the existing Amazon Connect instance ${existingInstance.instanceId} of ${environment.app} ${environment.name} in ${region} (amzconnect-instance)`
          : `Amazon Connect instance of ${environment.app} ${environment.name} in ${region} (amzconnect-instance)`,
        app: environment.app,
        environmentName: environment.name,
        config: instance,
        instanceAlias: instanceAliasFor(instance, environment, region),
        storageBucketName: targetResourceName(instance.storage.bucketName, environment, region),
        lifecycle: lifecyclePolicy(environment, config.tooling, settings),
        existingInstance,
        existingObjects: settings.existingObjects,
        customerProfiles: settings.customerProfiles,
        customerProfilesDomainName: customerProfilesDomainNameFor(instance, environment, region),
      });
    });
  };
}

/**
 * Adds one {@link ConnectInstanceStack} per enabled environment and Region, from
 * `config/instance.json` and the `instance` section of each environment's settings, validated
 * against the platform configuration. A Region listed in the environment's `existingInstances`
 * gets a stack for the adopted instance (no instance, key or storage created).
 */
export const addInstanceStacks: AddStacks = addInstanceStacksWith();

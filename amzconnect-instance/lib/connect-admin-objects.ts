import type { RemovalPolicy } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { ExistingAdminObject, type AdminObjectKind } from './existing-admin-object';
import type {
  ExistingAdminObjects,
  HoursOfOperationConfig,
  QueueConfig,
  QuickConnectConfig,
  RoutingProfileConfig,
} from './instance-config';

/** Properties of {@link ConnectAdminObjects}. */
export interface ConnectAdminObjectsProps {
  /** ARN of the instance the objects belong to. */
  readonly instanceArn: string;
  /** Hours of operation to create. */
  readonly hoursOfOperation: readonly HoursOfOperationConfig[];
  /** Queues to create; each names one of `hoursOfOperation`. */
  readonly queues: readonly QueueConfig[];
  /** Routing profiles to create; each names queues of `queues`. @default none */
  readonly routingProfiles?: readonly RoutingProfileConfig[];
  /** Quick connects to create. @default none */
  readonly quickConnects?: readonly QuickConnectConfig[];
  /** Removal policy of every object (the instance's own lifecycle). */
  readonly removalPolicy: RemovalPolicy;
  /**
   * Declared objects that already exist in the instance (an adopted instance): looked up by name
   * at deployment, never created or modified. Needs `instanceId`.
   * @default none: every declared object is created
   */
  readonly existing?: ExistingAdminObjects;
  /** Id of the instance; required when `existing` names any object. @default none */
  readonly instanceId?: string;
}

/** `"08:30"` → `{ hours: 8, minutes: 30 }`. */
function timeSlice(clock: string): connect.CfnHoursOfOperation.HoursOfOperationTimeSliceProperty {
  const [hours, minutes] = clock.split(':').map(Number);
  return { hours, minutes };
}

/**
 * The admin objects contact flows refer to by name (hours of operation, queues, routing
 * profiles, quick connects), as native CloudFormation resources. Each map is keyed by the name
 * written in configuration.
 */
export class ConnectAdminObjects extends Construct {
  /** Hours of operation this construct creates (declared objects that do not already exist). */
  public readonly hoursOfOperation: ReadonlyMap<string, connect.CfnHoursOfOperation>;
  /** Queues this construct creates. */
  public readonly queues: ReadonlyMap<string, connect.CfnQueue>;
  /** Routing profiles this construct creates. */
  public readonly routingProfiles: ReadonlyMap<string, connect.CfnRoutingProfile>;
  /** Quick connects this construct creates. */
  public readonly quickConnects: ReadonlyMap<string, connect.CfnQuickConnect>;
  /** ARN of every declared hours of operation, created or existing, by name. */
  public readonly hoursOfOperationArns: ReadonlyMap<string, string>;
  /** ARN of every declared queue, created or existing, by name. */
  public readonly queueArns: ReadonlyMap<string, string>;
  /** Lookups of the declared objects that already exist, by `<kind>/<name>`. */
  public readonly existingObjects: ReadonlyMap<string, ExistingAdminObject>;

  constructor(scope: Construct, id: string, props: ConnectAdminObjectsProps) {
    super(scope, id);
    const lookups = new Map<string, ExistingAdminObject>();
    /** ARN of an existing object (looked up once), or `undefined` when it is to be created. */
    const existingArn = (kind: AdminObjectKind, name: string): string | undefined => {
      if (!(props.existing?.[kind] ?? []).includes(name)) return undefined;
      const key = `${kind}/${name}`;
      let lookup = lookups.get(key);
      if (!lookup) {
        if (!props.instanceId) throw new Error('ConnectAdminObjects: existing objects need instanceId.');
        lookup = new ExistingAdminObject(this, `Existing${kindId(kind)}${name}`, {
          instanceArn: props.instanceArn,
          instanceId: props.instanceId,
          kind,
          name,
        });
        lookups.set(key, lookup);
      }
      return lookup.arn;
    };
    const hours = new Map<string, connect.CfnHoursOfOperation>();
    const hoursArns = new Map<string, string>();
    for (const h of props.hoursOfOperation) {
      const existing = existingArn('hoursOfOperation', h.name);
      if (existing) {
        hoursArns.set(h.name, existing);
        continue;
      }
      const resource = new connect.CfnHoursOfOperation(this, `Hours${h.name}`, {
        instanceArn: props.instanceArn,
        name: h.name,
        description: h.description,
        timeZone: h.timeZone,
        config: h.schedule.map((slot) => ({
          day: slot.day,
          startTime: timeSlice(slot.start),
          endTime: timeSlice(slot.end),
        })),
      });
      resource.applyRemovalPolicy(props.removalPolicy);
      hours.set(h.name, resource);
      hoursArns.set(h.name, resource.attrHoursOfOperationArn);
    }

    const quickConnects = new Map<string, connect.CfnQuickConnect>();
    for (const q of props.quickConnects ?? []) {
      if (existingArn('quickConnects', q.name)) continue;
      const resource = new connect.CfnQuickConnect(this, `QuickConnect${q.name}`, {
        instanceArn: props.instanceArn,
        name: q.name,
        description: q.description,
        quickConnectConfig: { quickConnectType: 'PHONE_NUMBER', phoneConfig: { phoneNumber: q.phoneNumber } },
      });
      resource.applyRemovalPolicy(props.removalPolicy);
      quickConnects.set(q.name, resource);
    }

    const queues = new Map<string, connect.CfnQueue>();
    const queueArns = new Map<string, string>();
    for (const q of props.queues) {
      const existing = existingArn('queues', q.name);
      if (existing) {
        queueArns.set(q.name, existing);
        continue;
      }
      const resource = new connect.CfnQueue(this, `Queue${q.name}`, {
        instanceArn: props.instanceArn,
        name: q.name,
        description: q.description,
        hoursOfOperationArn: hoursArns.get(q.hoursOfOperation)!,
        maxContacts: q.maxContacts,
        status: 'ENABLED',
      });
      resource.applyRemovalPolicy(props.removalPolicy);
      queues.set(q.name, resource);
      queueArns.set(q.name, resource.attrQueueArn);
    }

    const profiles = new Map<string, connect.CfnRoutingProfile>();
    for (const p of props.routingProfiles ?? []) {
      if (existingArn('routingProfiles', p.name)) continue;
      const resource = new connect.CfnRoutingProfile(this, `RoutingProfile${p.name}`, {
        instanceArn: props.instanceArn,
        name: p.name,
        description: p.description,
        defaultOutboundQueueArn: queueArns.get(p.defaultOutboundQueue)!,
        mediaConcurrencies: p.media.map((m) => ({ channel: m.channel, concurrency: m.concurrency })),
        queueConfigs: p.queues.map((q) => ({
          priority: q.priority,
          delay: q.delay,
          queueReference: { channel: q.channel, queueArn: queueArns.get(q.queue)! },
        })),
      });
      resource.applyRemovalPolicy(props.removalPolicy);
      profiles.set(p.name, resource);
    }

    this.hoursOfOperation = hours;
    this.hoursOfOperationArns = hoursArns;
    this.queueArns = queueArns;
    this.existingObjects = lookups;
    this.queues = queues;
    this.routingProfiles = profiles;
    this.quickConnects = quickConnects;
  }
}

/** `queues` → `Queue`, for construct ids. */
function kindId(kind: AdminObjectKind): string {
  return {
    hoursOfOperation: 'Hours',
    queues: 'Queue',
    routingProfiles: 'RoutingProfile',
    quickConnects: 'QuickConnect',
  }[kind];
}

import type { RemovalPolicy } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import type {
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
  public readonly hoursOfOperation: ReadonlyMap<string, connect.CfnHoursOfOperation>;
  public readonly queues: ReadonlyMap<string, connect.CfnQueue>;
  public readonly routingProfiles: ReadonlyMap<string, connect.CfnRoutingProfile>;
  public readonly quickConnects: ReadonlyMap<string, connect.CfnQuickConnect>;

  constructor(scope: Construct, id: string, props: ConnectAdminObjectsProps) {
    super(scope, id);
    const hours = new Map<string, connect.CfnHoursOfOperation>();
    for (const h of props.hoursOfOperation) {
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
    }

    const quickConnects = new Map<string, connect.CfnQuickConnect>();
    for (const q of props.quickConnects ?? []) {
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
    for (const q of props.queues) {
      const resource = new connect.CfnQueue(this, `Queue${q.name}`, {
        instanceArn: props.instanceArn,
        name: q.name,
        description: q.description,
        hoursOfOperationArn: hours.get(q.hoursOfOperation)!.attrHoursOfOperationArn,
        maxContacts: q.maxContacts,
        status: 'ENABLED',
      });
      resource.applyRemovalPolicy(props.removalPolicy);
      queues.set(q.name, resource);
    }

    const profiles = new Map<string, connect.CfnRoutingProfile>();
    for (const p of props.routingProfiles ?? []) {
      const resource = new connect.CfnRoutingProfile(this, `RoutingProfile${p.name}`, {
        instanceArn: props.instanceArn,
        name: p.name,
        description: p.description,
        defaultOutboundQueueArn: queues.get(p.defaultOutboundQueue)!.attrQueueArn,
        mediaConcurrencies: p.media.map((m) => ({ channel: m.channel, concurrency: m.concurrency })),
        queueConfigs: p.queues.map((q) => ({
          priority: q.priority,
          delay: q.delay,
          queueReference: { channel: q.channel, queueArn: queues.get(q.queue)!.attrQueueArn },
        })),
      });
      resource.applyRemovalPolicy(props.removalPolicy);
      profiles.set(p.name, resource);
    }

    this.hoursOfOperation = hours;
    this.queues = queues;
    this.routingProfiles = profiles;
    this.quickConnects = quickConnects;
  }
}

import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import {
  AssociateQueueQuickConnectsCommand,
  ConnectClient,
  DisassociateQueueQuickConnectsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-connect';
import {
  planQueueQuickConnects,
  parseQueueQuickConnectsRequest,
  QueueQuickConnectsCall,
} from './queue-quick-connects-plan';

/** What the Provider framework's onEvent handler answers. */
export interface QueueQuickConnectsResponse {
  readonly PhysicalResourceId: string;
}

/**
 * The `Custom::QueueQuickConnects` provider (CDK Provider framework, onEvent only): parse the
 * event, decide the calls ({@link planQueueQuickConnects}), make them in order. On Delete a queue
 * or quick connect that no longer exists (`ResourceNotFoundException`) has nothing left to
 * disassociate, so it is skipped; any other error fails the request.
 */
export function createQueueQuickConnectsHandler(connect: () => ConnectClient) {
  let client: ConnectClient | undefined;
  return async (event: CloudFormationCustomResourceEvent): Promise<QueueQuickConnectsResponse> => {
    const request = parseQueueQuickConnectsRequest(event);
    client ??= connect();
    for (const call of planQueueQuickConnects(request)) {
      try {
        await send(client, call);
      } catch (err) {
        if (request.requestType === 'Delete' && err instanceof ResourceNotFoundException) continue;
        throw err;
      }
    }
    return { PhysicalResourceId: request.physicalResourceId };
  };
}

function send(client: ConnectClient, call: QueueQuickConnectsCall) {
  const input = {
    InstanceId: call.instanceId,
    QueueId: call.queueId,
    QuickConnectIds: [...call.quickConnectIds],
  };
  return call.operation === 'associate'
    ? client.send(new AssociateQueueQuickConnectsCommand(input))
    : client.send(new DisassociateQueueQuickConnectsCommand(input));
}

/**
 * Lambda entry. The SDK's standard retry mode retries throttling and 5xx answers; Connect's
 * default rate for these APIs is low (2 per second, burst 5), so allow more attempts than the
 * default 3.
 */
export const onEvent = createQueueQuickConnectsHandler(() => new ConnectClient({ maxAttempts: 8 }));

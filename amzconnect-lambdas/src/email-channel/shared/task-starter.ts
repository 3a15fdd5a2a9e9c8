import { ConnectClient, ListContactFlowsCommand, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { TaskRequestInput, buildTaskRequest } from './task-request';

/** Starts a task for a case; returns the contact id. */
export type StartTask = (input: Omit<TaskRequestInput, 'instanceId' | 'contactFlowId'>) => Promise<string>;

/** The instance id of an instance ARN (`arn:aws:connect:r:a:instance/<id>`). Pure. */
export function instanceIdOf(instanceArn: string): string {
  return instanceArn.slice(instanceArn.lastIndexOf('/') + 1);
}

/**
 * Finds the id of the flow named `flowName` (listing the instance's contact flows, every page),
 * once per container; a failed lookup is retried on the next call.
 */
export function flowIdResolver(
  connect: ConnectClient,
  instanceId: string,
  flowName: string,
): () => Promise<string> {
  let found: Promise<string> | undefined;
  const lookup = async (): Promise<string> => {
    let next: string | undefined;
    do {
      const page = await connect.send(
        new ListContactFlowsCommand({
          InstanceId: instanceId,
          ContactFlowTypes: ['CONTACT_FLOW'],
          NextToken: next,
          MaxResults: 1000,
        }),
      );
      const flow = page.ContactFlowSummaryList?.find((f) => f.Name === flowName);
      if (flow?.Id) return flow.Id;
      next = page.NextToken;
    } while (next);
    throw new Error(
      `No contact flow named "${flowName}" in instance ${instanceId}; deploy the contact flows.`,
    );
  };
  return () => {
    found ??= lookup().catch((err: unknown) => {
      found = undefined;
      throw err;
    });
    return found;
  };
}

/** Starts tasks with `StartTaskContact` in the task flow (resolved by name). */
export function connectTaskStarter(connect: ConnectClient, instanceArn: string, flowName: string): StartTask {
  const instanceId = instanceIdOf(instanceArn);
  const flowId = flowIdResolver(connect, instanceId, flowName);
  return async (input) => {
    const request = buildTaskRequest({ ...input, instanceId, contactFlowId: await flowId() });
    const out = await connect.send(new StartTaskContactCommand(request));
    if (!out.ContactId) throw new Error('StartTaskContact returned no ContactId.');
    return out.ContactId;
  };
}

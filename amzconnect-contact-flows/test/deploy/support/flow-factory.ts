import { FlowDocument } from '../../../src/model/flow-document';

/**
 * A small but complete inbound flow: plays a prompt, optionally transfers to another flow or
 * invokes a module, then sets a queue and transfers to it. `references` become placeholders.
 */
export function inboundFlow(
  name: string,
  options: {
    queue?: string;
    transferTo?: string;
    module?: string;
    text?: string;
    description?: string;
    lambda?: string;
    /** Mapping keys read as `$.External.<Key>` after invoking the mapping function. */
    readsMapping?: readonly string[];
  } = {},
): FlowDocument {
  const actions: FlowDocument['content']['Actions'][number][] = [
    {
      Identifier: 'greet',
      Type: 'MessageParticipant',
      Parameters: { Text: options.text ?? `Welcome to ${name}` },
      Transitions: {
        NextAction: options.readsMapping
          ? 'mapping'
          : options.lambda
            ? 'lookup'
            : options.module
              ? 'module'
              : options.transferTo
                ? 'transfer'
                : 'queue',
      },
    },
  ];
  const afterMapping = options.lambda
    ? 'lookup'
    : options.module
      ? 'module'
      : options.transferTo
        ? 'transfer'
        : 'queue';
  if (options.readsMapping) {
    actions.push(
      {
        Identifier: 'mapping',
        Type: 'InvokeLambdaFunction',
        Parameters: { LambdaFunctionARN: '${mapping-function}', InvocationTimeLimitSeconds: '3' },
        Transitions: {
          NextAction: 'say-mapping',
          Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }],
        },
      },
      {
        Identifier: 'say-mapping',
        Type: 'MessageParticipant',
        Parameters: { Text: options.readsMapping.map((k) => `$.External.${k}`).join(' ') },
        Transitions: { NextAction: afterMapping },
      },
    );
  }
  if (options.lambda) {
    actions.push({
      Identifier: 'lookup',
      Type: 'InvokeLambdaFunction',
      Parameters: { LambdaFunctionARN: `\${lambda:${options.lambda}}`, InvocationTimeLimitSeconds: '3' },
      Transitions: { NextAction: 'queue', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
    });
  }
  if (options.module) {
    actions.push({
      Identifier: 'module',
      Type: 'InvokeFlowModule',
      Parameters: { FlowModuleId: `\${module:${options.module}}` },
      Transitions: {
        NextAction: options.transferTo ? 'transfer' : 'queue',
        Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }],
      },
    });
  }
  if (options.transferTo) {
    actions.push({
      Identifier: 'transfer',
      Type: 'TransferToFlow',
      Parameters: { ContactFlowId: `\${flow:${options.transferTo}}` },
      Transitions: { NextAction: 'end', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
    });
  }
  actions.push(
    {
      Identifier: 'queue',
      Type: 'UpdateContactTargetQueue',
      Parameters: { QueueId: `\${queue:${options.queue ?? 'Sales'}}` },
      Transitions: {
        NextAction: 'transfer-queue',
        Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }],
      },
    },
    {
      Identifier: 'transfer-queue',
      Type: 'TransferContactToQueue',
      Parameters: {},
      Transitions: { NextAction: 'end', Errors: [{ NextAction: 'end', ErrorType: 'QueueAtCapacity' }] },
    },
    { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  );
  return {
    name,
    type: 'CONTACT_FLOW',
    description: options.description ?? `${name} flow`,
    content: { Version: '2019-10-30', StartAction: 'greet', Actions: actions },
  };
}

/** A module that plays a message and returns. */
export function messageModule(name: string, text = `Module ${name}`): FlowDocument {
  return {
    name,
    type: 'MODULE',
    description: `${name} module`,
    content: {
      Version: '2019-10-30',
      StartAction: 'say',
      Actions: [
        {
          Identifier: 'say',
          Type: 'MessageParticipant',
          Parameters: { Text: text },
          Transitions: { NextAction: 'return' },
        },
        { Identifier: 'return', Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} },
      ],
    },
  };
}

/** Returns a copy of `doc` with the greeting text changed. */
export function withText(doc: FlowDocument, text: string): FlowDocument {
  return {
    ...doc,
    content: {
      ...doc.content,
      Actions: doc.content.Actions.map((a) =>
        a.Identifier === 'greet' || a.Identifier === 'say'
          ? { ...a, Parameters: { ...a.Parameters, Text: text } }
          : a,
      ),
    },
  };
}

import { FlowAction, FlowDocument, FlowFileType, lintFlows, LintFinding, RepoCatalog } from '../../src';

const CATALOG: RepoCatalog = {
  queues: ['ACME_Sales', 'ACME_Finance'],
  hours: ['ACME_Hours'],
  prompts: ['ACME_Welcome'],
  bots: ['ACME_lexbot'],
  lambdas: ['customer-lookup', 'mapping'],
  flows: ['ACME_Main', 'ACME_customer_queue'],
  modules: ['ACME_module'],
};

function action(
  Identifier: string,
  Type: string,
  Parameters: Record<string, unknown> = {},
  NextAction?: string,
): FlowAction {
  return { Identifier, Type, Parameters, Transitions: NextAction ? { NextAction } : {} };
}

function flow(
  actions: FlowAction[],
  type: FlowFileType = 'CONTACT_FLOW',
  start = actions[0]?.Identifier ?? 'start',
): FlowDocument {
  return { name: 'T', type, content: { Version: '2019-10-30', StartAction: start, Actions: actions } };
}

/** Lints one document and returns `rule: message` for the rule under test. */
function findings(doc: FlowDocument, rule: LintFinding['rule'], catalog: RepoCatalog = CATALOG): string[] {
  return lintFlows({ flows: [{ path: 't.json', document: doc }], catalog })
    .filter((f) => f.rule === rule)
    .map((f) => `${f.severity}: ${f.message}`);
}

const END = action('end', 'DisconnectParticipant');

describe('duplicate-identifier', () => {
  it('reports an identifier used twice', () => {
    const doc = flow([
      action('a', 'MessageParticipant', { Text: 'hi' }, 'end'),
      END,
      action('end', 'DisconnectParticipant'),
    ]);

    expect(findings(doc, 'duplicate-identifier')).toEqual([
      'error: action identifier "end" is used by 2 actions; identifiers must be unique',
    ]);
  });
});

describe('identifier-syntax', () => {
  it('reports identifiers Connect refuses: too long, forbidden characters, reserved names', () => {
    const long = 'x'.repeat(51);
    const doc = flow([
      action('a', 'MessageParticipant', { Text: 'hi' }, long),
      action(long, 'MessageParticipant', {}, 'q:1/2'),
      action('q:1/2', 'MessageParticipant', {}, 'constructor'),
      action('constructor', 'DisconnectParticipant'),
    ]);

    expect(findings(doc, 'identifier-syntax')).toEqual([
      `error: action identifier "${long}" is longer than Connect's 50 characters`,
      'error: action identifier "q:1/2" contains ":", "/", which Connect does not allow',
      'error: action identifier "constructor" is a name Connect does not allow',
    ]);
  });

  it('accepts friendly names with spaces and #', () => {
    const doc = flow([
      action('Save collected data to the current contact', 'MessageParticipant', {}, 'FLOW_OBJECT_MAPS#'),
      action('FLOW_OBJECT_MAPS#', 'DisconnectParticipant'),
    ]);

    expect(findings(doc, 'identifier-syntax')).toEqual([]);
  });
});

describe('start-action', () => {
  it('reports a start action that does not exist, with a suggestion', () => {
    expect(findings(flow([END], 'CONTACT_FLOW', 'edn'), 'start-action')).toEqual([
      'error: StartAction "edn" is not the identifier of any action; did you mean "end"?',
    ]);
  });

  it('accepts a start action that exists', () => {
    expect(findings(flow([END]), 'start-action')).toEqual([]);
  });
});

describe('transition-target', () => {
  it('reports NextAction, error and condition transitions to missing actions', () => {
    const a: FlowAction = {
      Identifier: 'menu',
      Type: 'GetParticipantInput',
      Parameters: { Text: 'Press 1' },
      Transitions: {
        NextAction: 'ned',
        Errors: [{ NextAction: 'gone', ErrorType: 'NoMatchingError' }],
        Conditions: [
          { NextAction: 'end', Condition: {} },
          { NextAction: 'missing', Condition: {} },
        ],
      },
    };

    expect(findings(flow([a, END]), 'transition-target')).toEqual([
      'error: action "menu" (GetParticipantInput) goes to "ned" on NextAction, which is not an action; did you mean "end"?',
      'error: action "menu" (GetParticipantInput) goes to "gone" on error NoMatchingError, which is not an action',
      'error: action "menu" (GetParticipantInput) goes to "missing" on condition 2, which is not an action',
    ]);
  });
});

describe('unreachable-action', () => {
  it('warns about actions no path from the start reaches', () => {
    const doc = flow([
      action('a', 'MessageParticipant', { Text: 'hi' }, 'end'),
      END,
      action('orphan', 'MessageParticipant', { Text: 'x' }, 'end'),
    ]);

    expect(findings(doc, 'unreachable-action')).toEqual([
      'warning: action "orphan" (MessageParticipant) is not reachable from the start action',
    ]);
  });

  it('follows loops without reporting them', () => {
    const doc = flow([
      action('a', 'MessageParticipant', { Text: 'hi' }, 'b'),
      action('b', 'MessageParticipant', { Text: 'again' }, 'a'),
    ]);

    expect(findings(doc, 'unreachable-action')).toEqual([]);
  });
});

describe('unknown-reference', () => {
  it('accepts placeholders for everything the repository defines and default prompts', () => {
    const doc = flow([
      action(
        'a',
        'UpdateContactTargetQueue',
        {
          QueueId: '${queue:ACME_Sales}',
          H: '${hours:ACME_Hours}',
          P: ['${prompt:ACME_Welcome}', '${prompt:Beep.wav}', '${prompt:SFX - Beep.wav}'],
          L: '${lex:ACME_lexbot} ${lambda:customer-lookup} ${flow:ACME_Main} ${module:ACME_module}',
          M: '${mapping-function} <<ARNREPLACE>>',
        },
        'end',
      ),
      END,
    ]);

    expect(findings(doc, 'unknown-reference')).toEqual([]);
  });

  it('reports a name the repository does not define, with the closest one', () => {
    const doc = flow([
      action('a', 'UpdateContactTargetQueue', { QueueId: '${queue:ACME_Sale}', X: '${lex:Other}' }, 'end'),
      END,
    ]);

    expect(findings(doc, 'unknown-reference')).toEqual([
      'error: "${queue:ACME_Sale}" names no queue defined in amzconnect-instance/config/instance.json (queues); did you mean "ACME_Sales"?',
      'error: "${lex:Other}" names no Lex bot defined in amzconnect-supporting-infra/bots/',
    ]);
  });

  it('reports misspelt kinds, empty names and unnamed ARNs left by the normalizer', () => {
    const doc = flow([
      action(
        'a',
        'X',
        {
          A: '${queues:ACME_Sales}',
          B: '${queue:}',
          C: '${mapping-fn}',
          D: '${unnamed:connect:phone-number/123}',
        },
        'end',
      ),
      END,
    ]);

    expect(findings(doc, 'unknown-reference')).toEqual([
      'error: "${queues:ACME_Sales}" is not a placeholder (kinds: queue, prompt, hours, flow, module, lambda, lex, mapping-function); did you mean "${queue:ACME_Sales}"?',
      'error: "${queue:}" has no name; write ${queue:Name}',
      'error: "${mapping-fn}" is not a placeholder; did you mean "${mapping-function}"?',
      'error: "${unnamed:connect:phone-number/123}" is an ARN the normalizer could not name and the deployment cannot resolve; replace it with a placeholder such as ${queue:Name} or a $.External key',
    ]);
  });

  it('does not judge kinds whose catalog file could not be read', () => {
    const doc = flow([action('a', 'X', { A: '${queue:Anything}' }, 'end'), END]);

    expect(findings(doc, 'unknown-reference', { ...CATALOG, queues: undefined })).toEqual([]);
  });
});

describe('unknown-external-key', () => {
  const mapping = action('map', 'InvokeLambdaFunction', { LambdaFunctionARN: '${mapping-function}' }, 'use');

  it('accepts keys the mapping function returns for what the repository defines', () => {
    const use = action(
      'use',
      'UpdateContactTargetQueue',
      { QueueId: '$.External.Queue_ACME_Sales', Bot: '$.External.Lex_ACME_lexbot' },
      'end',
    );

    expect(findings(flow([mapping, use, END]), 'unknown-external-key')).toEqual([]);
  });

  it('reports a mapping-shaped key that is not in the catalog', () => {
    const use = action('use', 'UpdateContactTargetQueue', { QueueId: '$.External.Queue_ACME_Sale' }, 'end');

    expect(findings(flow([mapping, use, END]), 'unknown-external-key')).toEqual([
      'error: action "use" (UpdateContactTargetQueue): $.External.Queue_ACME_Sale is not a key the mapping function returns; did you mean "Queue_ACME_Sales"?',
    ]);
  });

  it('reports an unprefixed key when only the mapping function is invoked, suggesting the prefixed key', () => {
    const use = action('use', 'UpdateContactTargetQueue', { QueueId: '$.External.ACME_Sales' }, 'end');

    expect(findings(flow([mapping, use, END]), 'unknown-external-key')).toEqual([
      'error: action "use" (UpdateContactTargetQueue): $.External.ACME_Sales is not a key the mapping function returns and the flow invokes only the mapping function; did you mean "Queue_ACME_Sales"?',
    ]);
  });

  it('leaves keys of other functions alone', () => {
    const lookup = action(
      'map',
      'InvokeLambdaFunction',
      { LambdaFunctionARN: '${lambda:customer-lookup}' },
      'use',
    );
    const use = action('use', 'MessageParticipant', { Text: 'Hello $.External.FirstName' }, 'end');

    expect(findings(flow([lookup, use, END]), 'unknown-external-key')).toEqual([]);
  });

  it('warns about an unprefixed key in a flow that invokes no function', () => {
    const use = action('use', 'MessageParticipant', { Text: '$.External.FirstName' }, 'end');

    expect(findings(flow([use, END]), 'unknown-external-key')).toEqual([
      'warning: action "use" (MessageParticipant): $.External.FirstName is not a key the mapping function returns and the flow invokes no Lambda function',
    ]);
  });
});

describe('hard-coded-arn', () => {
  it('reports ARNs with an account id in actions and metadata, and keeps AWS-managed ARNs', () => {
    const queueArn = 'arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1';
    const doc: FlowDocument = {
      ...flow([
        action(
          'a',
          'ShowView',
          { QueueId: queueArn, ViewResource: { Id: 'arn:aws:connect:us-east-1:aws:view/cards' } },
          'end',
        ),
        END,
      ]),
    };
    const withMeta: FlowDocument = {
      ...doc,
      content: { ...doc.content, Metadata: { queue: { id: queueArn } } },
    };

    expect(findings(withMeta, 'hard-coded-arn')).toEqual([
      `error: action "a" has the hard-coded ARN "${queueArn}"; use a placeholder such as \${queue:Name} or a $.External key (\`npm run flows -- normalize FILE\` rewrites it)`,
      `error: the flow metadata has the hard-coded ARN "${queueArn}"; use a placeholder such as \${queue:Name} or a $.External key (\`npm run flows -- normalize FILE\` rewrites it)`,
    ]);
  });
});

describe('hard-coded-account-id', () => {
  it('warns about a bare account id but not about phone numbers', () => {
    const doc = flow([
      action(
        'a',
        'UpdateContactAttributes',
        { Attributes: { Account: '123456789012', Phone: '+441234567890' } },
        'end',
      ),
      END,
    ]);

    expect(findings(doc, 'hard-coded-account-id')).toEqual([
      'warning: action "a" (UpdateContactAttributes) has what looks like an account id, "123456789012"; account ids differ per environment, take it from a $.External key',
    ]);
  });
});

describe('hard-coded-region', () => {
  it('suggests $.AwsRegion for a Region code', () => {
    const doc = flow([
      action(
        'a',
        'ConnectParticipantWithLexBot',
        { LexBot: { Name: 'B', Region: 'eu-west-2', Alias: 'live' } },
        'end',
      ),
      END,
    ]);

    expect(findings(doc, 'hard-coded-region')).toEqual([
      'warning: action "a" (ConnectParticipantWithLexBot) has the hard-coded Region "eu-west-2"; use $.AwsRegion so the flow works in every Region it is deployed to',
    ]);
  });
});

describe('content-size', () => {
  it("reports content over Connect's 256,000-character limit", () => {
    const doc = flow([action('a', 'MessageParticipant', { Text: 'x'.repeat(256_000) }, 'end'), END]);
    const size = JSON.stringify(doc.content).length;

    expect(findings(doc, 'content-size')).toEqual([
      `error: content is about ${size.toLocaleString('en-US')} characters as compact JSON, over Connect's limit of 256,000; split the flow or move blocks into a flow module`,
    ]);
  });

  it('accepts content at the limit', () => {
    const small = flow([action('a', 'MessageParticipant', { Text: '' }, 'end'), END]);
    const pad = 256_000 - JSON.stringify(small.content).length;
    const doc = flow([action('a', 'MessageParticipant', { Text: 'x'.repeat(pad) }, 'end'), END]);

    expect(JSON.stringify(doc.content).length).toBe(256_000);
    expect(findings(doc, 'content-size')).toEqual([]);
  });

  it('counts each placeholder as the ARN it becomes', () => {
    const withPlaceholder = flow([
      action('a', 'UpdateContactTargetQueue', { QueueId: '${queue:Q}', Pad: '' }, 'end'),
      END,
    ]);
    const pad = 256_000 - JSON.stringify(withPlaceholder.content).length;
    const doc = flow([
      action('a', 'UpdateContactTargetQueue', { QueueId: '${queue:Q}', Pad: 'x'.repeat(pad) }, 'end'),
      END,
    ]);
    const size = 256_000 + 140 - '${queue:Q}'.length;

    expect(findings(doc, 'content-size')).toEqual([
      `error: content is about ${size.toLocaleString('en-US')} characters as compact JSON once its 1 placeholder becomes an ARN, over Connect's limit of 256,000; split the flow or move blocks into a flow module`,
    ]);
  });
});

describe('block-type', () => {
  it('reports a block the flow type does not allow', () => {
    const doc = flow(
      [action('a', 'TransferContactToQueue', {}, 'end'), action('end', 'EndFlowExecution')],
      'AGENT_WHISPER',
    );

    expect(findings(doc, 'block-type')).toEqual([
      'error: action "a" (TransferContactToQueue) cannot be used in a AGENT_WHISPER flow; Connect allows it in CONTACT_FLOW, CUSTOMER_QUEUE, AGENT_TRANSFER, QUEUE_TRANSFER',
    ]);
  });

  it('reports a module return outside a module', () => {
    expect(findings(flow([action('a', 'EndFlowModuleExecution')]), 'block-type')).toEqual([
      'error: action "a" (EndFlowModuleExecution) cannot be used in a CONTACT_FLOW flow; Connect allows it in MODULE',
    ]);
  });
});

describe('duplicate-name and format', () => {
  it('reports two flows with the same name, and files not in the repository format', () => {
    const doc = flow([END]);
    const result = lintFlows({
      flows: [
        { path: 'a.json', document: doc },
        { path: 'b.json', document: doc, shape: 'api' },
      ],
      catalog: CATALOG,
    });

    expect(result.filter((f) => f.rule === 'duplicate-name' || f.rule === 'format')).toEqual([
      {
        path: 'b.json',
        severity: 'warning',
        rule: 'format',
        message:
          'file is in the api shape, not the repository format; rewrite it with `npm run flows -- normalize b.json`',
      },
      {
        path: 'b.json',
        severity: 'error',
        rule: 'duplicate-name',
        message: 'flow name "T" is also used by a.json; names are unique per instance',
      },
    ]);
  });
});

describe('unknown-placeholder', () => {
  it('names every ${...} that is not one of our placeholders, e.g. a Terraform interpolation', () => {
    const doc = flow([
      action('a', 'UpdateContactTargetQueue', { QueueId: '${var.queues_map["x"]}' }, 'b'),
      action('b', 'MessageParticipant', { Text: '${queue:ACME_Sales} ${mapping-function}' }, 'end'),
      END,
    ]);
    expect(findings(doc, 'unknown-placeholder')).toEqual([
      'error: ${var.queues_map["x"]} is not a placeholder this platform resolves; use ${queue:Name}, ${prompt:Name}, ${hours:Name}, ${flow:Name}, ${module:Name}, ${lambda:Name}, ${lex:Bot} or ${mapping-function}',
    ]);
  });
});

describe('name-length', () => {
  it("refuses names over Connect's 127 characters", () => {
    const doc = { ...flow([END]), name: 'N'.repeat(128) };
    expect(findings(doc, 'name-length')).toEqual([
      "error: name is 128 characters, over Connect's limit of 127 (and the deployed name adds the app prefix); shorten it",
    ]);
    expect(findings({ ...doc, name: 'N'.repeat(127) }, 'name-length')).toEqual([]);
  });
});

describe('guessed-type', () => {
  it('is an error with the fix when the reader had to guess the flow type', () => {
    const result = lintFlows({
      flows: [
        {
          path: 'g.json',
          document: flow([END]),
          shape: 'api',
          notes: ['no "Type" in the file; inferred CONTACT_FLOW from the content'],
        },
      ],
      catalog: CATALOG,
    }).filter((f) => f.rule === 'guessed-type');
    expect(result.map((f) => `${f.severity}: ${f.message}`)).toEqual([
      'error: the flow type is not in the file (no "Type" in the file; inferred CONTACT_FLOW from the content); a guessed type is often wrong and Connect cannot change it after the first deploy: add "type": "CONTACT_FLOW" (or the right type) to the file',
    ]);
  });
});

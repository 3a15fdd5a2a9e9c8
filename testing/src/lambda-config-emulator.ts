import { EndpointRequest, EndpointResponse, LocalEndpoint, awsError, json } from './local-endpoint';

/** A function's configuration as the emulator keeps it. */
export interface EmulatedFunction {
  readonly name: string;
  readonly arn: string;
  variables: Record<string, string>;
  revision: number;
}

/**
 * Lambda's GetFunctionConfiguration / UpdateFunctionConfiguration (REST-JSON) for the real
 * `@aws-sdk/client-lambda`, with `RevisionId` checks, so the mapping publish is tested end to end.
 */
export class LambdaConfigEmulator {
  public readonly functions = new Map<string, EmulatedFunction>();
  /** Number of UpdateFunctionConfiguration calls answered. */
  public updates = 0;
  private readonly endpoint = new LocalEndpoint((req) => this.handle(req));

  public start(): Promise<string> {
    return this.endpoint.start();
  }

  public stop(): Promise<void> {
    return this.endpoint.stop();
  }

  /** Adds a function; it is found by name or ARN. */
  public addFunction(arn: string, variables: Record<string, string> = {}): EmulatedFunction {
    const name = arn.split(':')[6];
    const fn = { name, arn, variables: { ...variables }, revision: 1 };
    this.functions.set(name, fn);
    return fn;
  }

  private handle(req: EndpointRequest): EndpointResponse {
    const m = /^\/2015-03-31\/functions\/([^/]+)\/configuration$/.exec(req.path);
    if (!m) return awsError(404, 'ResourceNotFoundException', { Message: `No route ${req.path}` });
    const ref = m[1];
    const fn = this.functions.get(ref.startsWith('arn:') ? ref.split(':')[6] : ref);
    if (!fn) return awsError(404, 'ResourceNotFoundException', { Message: `Function not found: ${ref}` });
    if (req.method === 'PUT') {
      const b = JSON.parse(req.body || '{}') as {
        RevisionId?: string;
        Environment?: { Variables?: Record<string, string> };
      };
      if (b.RevisionId && b.RevisionId !== `rev-${fn.revision}`) {
        return awsError(412, 'PreconditionFailedException', { Message: 'The RevisionId does not match' });
      }
      if (b.Environment?.Variables) fn.variables = { ...b.Environment.Variables };
      fn.revision++;
      this.updates++;
    }
    return json(200, {
      FunctionName: fn.name,
      FunctionArn: fn.arn,
      Environment: { Variables: fn.variables },
      RevisionId: `rev-${fn.revision}`,
      State: 'Active',
      LastUpdateStatus: 'Successful',
    });
  }
}

import { EndpointRequest, EndpointResponse, LocalEndpoint, awsError, json } from './local-endpoint';

/** SSM Parameter Store's GetParameter(s) (JSON 1.1) for the real `@aws-sdk/client-ssm`. */
export class SsmParametersEmulator {
  public readonly parameters = new Map<string, string>();
  private readonly endpoint = new LocalEndpoint((req) => this.handle(req));

  constructor(parameters: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(parameters)) this.parameters.set(k, v);
  }

  public start(): Promise<string> {
    return this.endpoint.start();
  }

  public stop(): Promise<void> {
    return this.endpoint.stop();
  }

  private handle(req: EndpointRequest): EndpointResponse {
    const target = String(req.headers['x-amz-target'] ?? '');
    const body = JSON.parse(req.body || '{}') as { Name?: string; Names?: string[] };
    const param = (name: string) => ({
      Name: name,
      Value: this.parameters.get(name),
      Type: 'String',
      Version: 1,
    });
    const headers = { 'content-type': 'application/x-amz-json-1.1' };
    if (target === 'AmazonSSM.GetParameters') {
      const names = body.Names ?? [];
      return json(
        200,
        {
          Parameters: names.filter((n) => this.parameters.has(n)).map(param),
          InvalidParameters: names.filter((n) => !this.parameters.has(n)),
        },
        headers,
      );
    }
    if (target === 'AmazonSSM.GetParameter') {
      const name = body.Name ?? '';
      return this.parameters.has(name)
        ? json(200, { Parameter: param(name) }, headers)
        : awsError(400, 'ParameterNotFound', { message: name });
    }
    return awsError(400, 'InvalidAction', { message: `${target} is not emulated` });
  }
}

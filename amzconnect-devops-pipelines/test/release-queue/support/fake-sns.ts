import { EndpointResponse, LocalEndpoint } from '@amzconnect/testing';

/** One Publish the fake received, with its message attributes by name. */
export interface Published {
  readonly topicArn: string;
  readonly subject: string;
  readonly message: string;
  readonly attributes: Record<string, string>;
}

/**
 * A fake Amazon SNS speaking its query protocol, as @aws-sdk/client-sns does (form-encoded
 * `Action=Publish`, XML answer with `PublishResult/MessageId`: SNS API Reference, "Publish").
 * `MessageAttributes.entry.N.Name` / `.Value.StringValue` are the query serialization of the map.
 */
export class FakeSns {
  public readonly published: Published[] = [];
  private readonly endpoint = new LocalEndpoint((req) => this.handle(req.body));

  public start(): Promise<string> {
    return this.endpoint.start();
  }

  public stop(): Promise<void> {
    return this.endpoint.stop();
  }

  private handle(body: string): EndpointResponse {
    const form = new URLSearchParams(body);
    if (form.get('Action') !== 'Publish') {
      return {
        status: 400,
        headers: { 'content-type': 'text/xml' },
        body: '<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>',
      };
    }
    const attributes: Record<string, string> = {};
    for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
      attributes[form.get(`MessageAttributes.entry.${i}.Name`)!] =
        form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
    }
    this.published.push({
      topicArn: form.get('TopicArn') ?? '',
      subject: form.get('Subject') ?? '',
      message: form.get('Message') ?? '',
      attributes,
    });
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-${this.published.length}</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>`,
    };
  }
}

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Stack } from 'aws-cdk-lib';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { PlatformFunction } from '@amzconnect/constructs';
import { LocalCustomerTable, startCustomerTable } from './support/dynalite-table';

/**
 * The one test that bundles for real (esbuild through NodejsFunction), then runs the bundle: it
 * proves the bundling settings produce a self-contained handler with the AWS SDK inside.
 */
describe('customer lookup bundle', () => {
  let outdir: string;
  let bundleDir: string;
  let table: LocalCustomerTable;

  beforeAll(async () => {
    // Prepare
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdas-bundle-'));
    const app = createPlatformApp({ outdir, guard: false });
    const stack = new Stack(app, 'Bundle', { env: { account: '111111111111', region: 'us-east-1' } });
    new PlatformFunction(stack, 'CustomerLookup', {
      entry: path.join(__dirname, '..', 'src', 'customer-lookup', 'handler.ts'),
      description: 'bundling test',
      serviceName: 'customer-lookup',
    });
    // Act
    app.synth();
    const assets = fs.readdirSync(outdir).filter((d) => d.startsWith('asset.'));
    bundleDir = path.join(
      outdir,
      assets.find((d) => fs.existsSync(path.join(outdir, d, 'index.js'))) as string,
    );
    table = await startCustomerTable('customers');
  }, 120_000);
  afterAll(async () => {
    await table.close();
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  it('is one minified file with an external source map and no runtime require of the AWS SDK', () => {
    // Assess
    expect(fs.readdirSync(bundleDir).sort()).toEqual(['index.js', 'index.js.map']);
    const code = fs.readFileSync(path.join(bundleDir, 'index.js'), 'utf8');
    // The only SDK modules left to runtime resolution are the optional SigV4a signers, which the
    // SDK requires inside a try/catch for multi-Region access points, never used here.
    const sdkRequires = [
      ...new Set([...code.matchAll(/require\(["'](@aws-sdk\/[^"']+)["']\)/g)].map((m) => m[1])),
    ].sort();
    expect(sdkRequires).toEqual(['@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a']);
    expect(code).toContain('sourceMappingURL=index.js.map');
    // Minified: our own function names are gone from the code (they live on in the source map).
    expect(code).not.toContain('createCustomerLookupHandler');
    expect(fs.readFileSync(path.join(bundleDir, 'index.js.map'), 'utf8')).toContain(
      'createCustomerLookupHandler',
    );
  });

  it('runs: the bundled handler looks a caller up in dynalite', async () => {
    // Prepare
    await table.client.send(
      new PutItemCommand({
        TableName: 'customers',
        Item: { phoneNumber: { S: '+12065550100' }, firstName: { S: 'Ana' }, lastName: { S: 'Silva' } },
      }),
    );
    const saved = { ...process.env };
    Object.assign(process.env, {
      CUSTOMER_TABLE_NAME: 'customers',
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(path.join(bundleDir, 'index.js')) as {
        handler: (e: unknown) => Promise<Record<string, string>>;
      };
      // Act
      const answer = await bundle.handler({
        Details: {
          ContactData: {
            ContactId: 'c-1',
            CustomerEndpoint: { Address: '+12065550100', Type: 'TELEPHONE_NUMBER' },
          },
        },
      });
      // Assess
      expect(answer).toEqual({
        Found: 'true',
        CalledNumber: '+12065550100',
        FirstName: 'Ana',
        LastName: 'Silva',
        LastCalledDate: '',
      });
    } finally {
      process.env = saved;
    }
  });
});

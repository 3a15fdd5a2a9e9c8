import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { AddressInfo } from 'net';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CaseStore, dynamoCaseStore } from '../../../../src/email-channel/shared/case-store';
import {
  createCaseDocumentClient,
  createMailS3Client,
} from '../../../../src/email-channel/shared/channel-clients';
import { ChannelConfig } from '../../../../src/email-channel/shared/channel-config';
import { MailStore, s3MailStore } from '../../../../src/email-channel/shared/mail-store';
import { FlushedFilesystemStore } from './flushed-filesystem-store';
// s3rver and dynalite ship no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
  store: unknown;
  context: { store: unknown };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: Record<string, number>) => http.Server;

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const BUCKET = 'acme-develop-mail';
export const TABLE = 'acme-develop-cases';
/** s3rver's default credentials (it checks signatures, including presigned URLs). */
export const CLIENT_OPTIONS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
} as const;

/** The channel's configuration in the tests (as the construct would set it for develop). */
export const TEST_CONFIG: ChannelConfig = {
  mailBucket: BUCKET,
  caseTable: TABLE,
  domain: 'mail.example.com',
  inquiryAddress: 'customerservice@mail.example.com',
  connectInstanceArn: 'arn:aws:connect:us-east-1:111111111111:instance/4a5b6c7d-1111-2222-3333-444455556666',
  taskFlowName: 'acme-ACME_email_inbound',
  urlLifetimeSeconds: 900,
  detectLanguage: true,
  detectSentiment: true,
  detectEntities: true,
  disclaimer: 'This message was sent by ACME customer service.',
  relaySenders: ['example.com'],
};

/** A local S3 (s3rver) and DynamoDB (dynalite) with the mail bucket and the case table. */
export interface LocalChannel {
  readonly s3: S3Client;
  readonly doc: DynamoDBDocumentClient;
  readonly mail: MailStore;
  readonly cases: CaseStore;
  /** Stores a fixture (with `CASEID` replaced) where SES would, and returns the S3 event announcing it. */
  deliver(prefix: 'inbound/' | 'relay/', fixture: string, sesId: string, caseId?: string): Promise<unknown>;
  close(): Promise<void>;
}

/** Reads a fixture, replacing the `CASEID` marker. */
export function fixture(name: string, caseId = 'CASEID'): Buffer {
  const raw = fs.readFileSync(path.join(FIXTURES, name));
  return caseId === 'CASEID' ? raw : Buffer.from(raw.toString('latin1').replace(/CASEID/g, caseId), 'latin1');
}

/** The S3 `ObjectCreated:Put` notification for one object (as S3 sends it, key URL-encoded). */
export function s3Event(bucket: string, key: string): unknown {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: '2026-11-17T09:14:04.120Z',
        eventName: 'ObjectCreated:Put',
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'inbound',
          bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
          object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size: 2337 },
        },
      },
    ],
  };
}

export async function startLocalChannel(): Promise<LocalChannel> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-email-'));
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    resetOnClose: true,
    configureBuckets: [{ name: BUCKET }],
  });
  // Read-after-write, as S3 gives it (see FlushedFilesystemStore).
  s3rver.store = s3rver.context.store = new FlushedFilesystemStore(directory);
  const { port: s3Port } = await s3rver.run();
  const ddb = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => ddb.listen(0, '127.0.0.1', () => resolve()));
  const endpoints = {
    s3: `http://127.0.0.1:${s3Port}`,
    dynamodb: `http://127.0.0.1:${(ddb.address() as AddressInfo).port}`,
  };
  const raw = new DynamoDBClient({ ...CLIENT_OPTIONS, endpoint: endpoints.dynamodb });
  await raw.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'caseId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'caseId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client: raw, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.2 } as never, {
    TableName: TABLE,
  });
  raw.destroy();

  const s3 = createMailS3Client({ ...CLIENT_OPTIONS, endpoints });
  const doc = createCaseDocumentClient({ ...CLIENT_OPTIONS, endpoints });
  return {
    s3,
    doc,
    mail: s3MailStore(s3, BUCKET),
    cases: dynamoCaseStore(doc, TABLE),
    async deliver(prefix, name, sesId, caseId) {
      const key = `${prefix}${sesId}`;
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: fixture(name, caseId) }));
      return s3Event(BUCKET, key);
    },
    async close() {
      s3.destroy();
      doc.destroy();
      await s3rver.close();
      ddb.closeAllConnections?.();
      await new Promise<void>((resolve) => ddb.close(() => resolve()));
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

import * as fs from 'fs';
import * as path from 'path';
import { WORKSPACES } from '../src/subprojects';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Construct ids that aws-cdk-lib gives its own hidden constructs (singleton handlers, Provider
 * framework parts, the API Gateway account role, BucketDeployment's handler). Code that finds a
 * construct by one of them breaks silently when a CDK release renames it; the platform finds them
 * through public types and properties instead (see env/src/cdk/cdk-framework-functions.ts).
 */
const CDK_INTERNAL_IDS: readonly RegExp[] = [
  /[A-Za-z][A-Za-z0-9:]*[0-9a-f]{32}\b/, // singleton uuids, e.g. AWS679f53fac002430cb0da5b7982bd2287
  /BucketNotificationsHandler/,
  /S3AutoDeleteObjectsCustomResourceProvider/,
  /CDKBucketDeployment[0-9A-Fa-f]{8}/, // BucketDeployment's handler id (not its resource type `Custom::CDKBucketDeployment`)
  /node\.id\.startsWith\(\s*['"`]Custom::/, // finding a CDK singleton construct by the prefix of its id
  /['"`]framework-(onEvent|isComplete|onTimeout)['"`]/,
  /['"`]waiter-state-machine['"`]/,
  /['"`]CloudWatchRole['"`]/,
];

/** Every TypeScript file of production code (`src/`, `lib/`, `bin/`) of every workspace. */
function productionFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') walk(p);
      else if (e.isFile() && e.name.endsWith('.ts')) files.push(p);
    }
  };
  for (const w of WORKSPACES) for (const d of ['src', 'lib', 'bin']) walk(path.join(ROOT, w.folder, d));
  return files;
}

describe('production code', () => {
  it('names no CDK-internal construct id (a CDK upgrade could rename it and silently break an acknowledgement)', () => {
    const files = productionFiles();
    const hits = files.flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          CDK_INTERNAL_IDS.some((re) => re.test(line))
            ? [`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );

    expect(files.length).toBeGreaterThan(100);
    expect(hits).toEqual([]);
  });

  it('would find one: the pattern list matches the ids the platform used to hard-code', () => {
    const before = [
      "'BucketNotificationsHandler050a0587b7544547bf325f094a3db834'",
      "AWS679f53fac002430cb0da5b7982bd2287: 'x'",
      "findChild('framework-onEvent')",
      "findChild('waiter-state-machine')",
      "tryFindChild('CloudWatchRole')",
      "c.node.id.startsWith('Custom::CDKBucketDeployment')",
      "'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C256MiB'",
    ];
    expect(before.filter((l) => !CDK_INTERNAL_IDS.some((re) => re.test(l)))).toEqual([]);
    // A CloudFormation resource type in the execution-policy table is no construct id.
    expect(
      CDK_INTERNAL_IDS.some((re) => re.test("  'Custom::CDKBucketDeployment': ['lambda:InvokeFunction'],")),
    ).toBe(false);
  });
});

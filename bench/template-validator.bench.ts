/**
 * Why the test environment shares CloudFormation's template validator (`jest.environment.js`):
 * CPU seconds to build a validation engine of `@aws/cloudformation-validate` (the engine
 * aws-cdk-lib validates every template with) in one process, as a fresh module's first engine, as
 * later engines while the earlier ones stay allocated (what one engine per jest test file did),
 * and as later engines after the earlier one was freed; then one template validation each.
 * Median of N.
 *
 *   npx tsx bench/template-validator.bench.ts [--runs N]
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { loadPlatformConfig, REPO_ROOT } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { addLambdaStacks } from '@amzconnect/lambdas';
import { median } from './stats';

interface Engine {
  validateTemplate(template: unknown, options: object): unknown;
  free(): void;
}
interface Validator {
  CompositeEngine: new (config: object) => Engine;
  TemplateContent: new (content: string, name: string) => unknown;
}

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;

/** CPU seconds (user + system) `fn` takes. */
function cpu(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** The largest template we synthesize: the develop lambdas stack of examples/all-workloads. */
function largestTemplate(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-validator-'));
  try {
    const app = createPlatformApp({ outdir, skipBundling: true, validate: false });
    addLambdaStacks(app, loadPlatformConfig(path.join(REPO_ROOT, 'examples', 'all-workloads')));
    app.synth();
    const file = fs
      .readdirSync(outdir)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => path.join(outdir, f))
      .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function main(): void {
  const text = largestTemplate();
  // The copy aws-cdk-lib resolves (it ships its own, under its node_modules).
  const validator = createRequire(require.resolve('aws-cdk-lib'))(
    '@aws/cloudformation-validate',
  ) as Validator;
  const template = new validator.TemplateContent(text, 'lambdas.template.json');
  const options = { detailLevel: 'STANDARD', severityLevel: 'WARN' };
  const held: Engine[] = [];
  let engine!: Engine;
  const first = cpu(() => (engine = new validator.CompositeEngine({})));
  const firstValidation = cpu(() => engine.validateTemplate(template, options));
  held.push(engine);
  const kept: number[] = [];
  for (let i = 0; i < runs; i++) {
    kept.push(cpu(() => held.push(new validator.CompositeEngine({}))));
  }
  for (const e of held) e.free();
  const freed: number[] = [];
  const validations: number[] = [];
  for (let i = 0; i < runs; i++) {
    freed.push(cpu(() => (engine = new validator.CompositeEngine({}))));
    validations.push(cpu(() => engine.validateTemplate(template, options)));
    engine.free();
  }
  console.log(
    `CloudFormation template validator (${(text.length / 1024).toFixed(0)} KB template), CPU seconds:`,
  );
  console.log(
    `  first engine of the module      ${first.toFixed(2)}   first validation ${firstValidation.toFixed(2)}`,
  );
  console.log(`  later engine, earlier ones kept ${median(kept).toFixed(2)}   (median of ${runs})`);
  console.log(
    `  later engine, earlier one freed ${median(freed).toFixed(2)}   validation ${median(validations).toFixed(2)}`,
  );
}

main();

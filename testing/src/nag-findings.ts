import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Errors, type App } from 'aws-cdk-lib';

/** One finding of a validation plugin (cdk-nag or CloudFormation's schema rules). */
export interface ValidationFinding {
  readonly plugin: string;
  readonly rule: string;
  readonly path: string;
  readonly severity: string;
}

/**
 * Synthesizes `app` and returns every unacknowledged validation finding (cdk-nag and template
 * validation). An empty array means the app synthesizes cleanly. For tests.
 */
export function synthFindings(app: App): ValidationFinding[] {
  const outdir = app.outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
  const origError = console.error;
  try {
    console.error = () => undefined;
    app.synth();
  } catch (err) {
    // Policy-validation failures are ValidationErrors that leave the report behind; others propagate.
    if (!(Errors.isValidationError(err) && fs.existsSync(path.join(outdir, 'validation-report.json'))))
      throw err;
  } finally {
    console.error = origError;
  }
  const reportFile = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(reportFile)) return [];
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as {
    pluginReports: {
      pluginName: string;
      violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
    }[];
  };
  return report.pluginReports.flatMap((p) =>
    p.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => ({
        plugin: p.pluginName,
        rule: v.ruleName,
        path: c.constructPath,
        severity: v.severity,
      })),
    ),
  );
}

/** One acknowledged (suppressed) finding of a validation plugin, with its reason. */
export interface AcknowledgedFinding extends ValidationFinding {
  readonly reason: string;
}

/**
 * The acknowledged findings of the last synthesis into `outdir` (`suppressedViolations` of
 * `validation-report.json`), each with the reason it was acknowledged with. For tests.
 */
export function acknowledgedFindings(outdir: string): AcknowledgedFinding[] {
  const reportFile = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(reportFile)) return [];
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as {
    pluginReports: {
      pluginName: string;
      suppressedViolations?: {
        ruleName: string;
        severity: string;
        reason?: string;
        violatingConstructs: { constructPath: string }[];
      }[];
    }[];
  };
  return report.pluginReports.flatMap((p) =>
    (p.suppressedViolations ?? []).flatMap((v) =>
      v.violatingConstructs.map((c) => ({
        plugin: p.pluginName,
        rule: v.ruleName,
        path: c.constructPath,
        severity: v.severity,
        reason: v.reason ?? '',
      })),
    ),
  );
}

import * as path from 'path';
import { loadPlatformConfig } from '@amzconnect/env';
import { environmentTable, main } from '../src/cli/synth-all';
import { renderTable } from '../src/cli/render-table';

const SAMPLE = loadPlatformConfig(path.join(__dirname, '..', '..', 'env'));

describe('npm run synth', () => {
  it('prints one row per enabled environment with its pipelines and approval', () => {
    const table = environmentTable(SAMPLE).split('\n');

    expect(table[0]).toMatch(/^env\s+branch\s+account\s+regions\s+pipelines\s+approval$/);
    expect(table[2]).toMatch(
      /^develop\s+develop\s+111111111111\s+us-east-1, us-west-2\s+amzconnect-instance-develop, amzconnect-supporting-infra-develop, amzconnect-lambdas-develop, amzconnect-contact-flows-develop\s+no$/,
    );
    expect(table[4]).toMatch(
      /^prod\s+main\s+333333333333\s+us-east-1\s+.*amzconnect-contact-flows-main\s+yes$/,
    );
    expect(table[5]).toBe(
      'self-update: amzconnect-devops-pipelines (branch main, tooling account 999999999999 us-east-1)',
    );
  });

  it('pads columns to the widest cell', () => {
    expect(renderTable(['a', 'bb'], [['ccc', 'd']])).toBe('a    bb\n---  --\nccc  d');
  });

  it('exits 1 with the configuration problems and no stack trace on an invalid config', () => {
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));

    const code = main(['--config', path.join(__dirname, 'no-such-folder')]);

    spy.mockRestore();
    expect(code).toBe(1);
    expect(errors.join('\n')).toMatch(
      /^Invalid configuration \(2 problems\):\n {2}- .*accountvars\.json: file not found;/,
    );
    expect(errors.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on an unknown argument', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);

    expect(main(['--frobnicate'])).toBe(2);
    spy.mockRestore();
  });
});

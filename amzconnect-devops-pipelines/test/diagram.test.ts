import * as path from 'path';
import { loadPlatformConfig } from '@amzconnect/env';
import { pipelinesDot } from '../src/diagram/pipelines-dot';
import { renderSvg } from '@amzconnect/contact-flows/render';
import { DiagramUsageError, parseDiagramArgs } from '../src/diagram/cli';
import { generatedConfig } from '@amzconnect/testing';

const SAMPLE = loadPlatformConfig(path.join(__dirname, '..', '..', 'env'));

describe('pipelines diagram', () => {
  it('shows every pipeline of the configuration and each target account with its Regions', () => {
    const dot = pipelinesDot(SAMPLE);

    for (const name of [
      'amzconnect-devops-pipelines',
      'amzconnect-instance-develop',
      'amzconnect-contact-flows-main',
      'amzconnect-lambdas-staging',
    ]) {
      expect(dot).toContain(`"${name}`);
    }
    expect(dot).toContain('"Account 111111111111\\nus-east-1\\nus-west-2"');
    expect(dot).toContain('"staging (branch staging) · approval"');
  });

  it('leaves disabled environments out', () => {
    const config = generatedConfig(2, 1);
    const dot = pipelinesDot({
      ...config,
      environments: [config.environments[0], { ...config.environments[1], enabled: false }],
    });

    expect(dot).toContain('amzconnect-instance-branch-0');
    expect(dot).not.toContain('branch-1');
  });

  it('renders SVG with Graphviz compiled to WebAssembly', async () => {
    const svg = await renderSvg(pipelinesDot(SAMPLE));

    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('<svg');
    expect(svg.replace(/&#45;/g, '-')).toContain('amzconnect-lambdas-develop');
  });
});

describe('diagram command line', () => {
  it('answers --help with the usage and nothing to write', () => {
    expect(parseDiagramArgs(['--help'], '/work')).toEqual({ help: true });
    expect(parseDiagramArgs(['--config', 'x', '-h'], '/work')).toEqual({ help: true });
  });

  it('resolves --config and --out against the folder the user ran it from', () => {
    expect(parseDiagramArgs(['--config', '../mine', '--out', 'p.svg'], '/work/here')).toEqual({
      help: false,
      configDir: '/work/mine',
      out: '/work/here/p.svg',
    });
  });

  it('refuses an unknown argument instead of writing the picture', () => {
    expect(() => parseDiagramArgs(['--hepl'], '/work')).toThrow(DiagramUsageError);
  });
});

import {
  enabledEnvironments,
  PlatformConfig,
  pipelineName,
  selfUpdatePipelineName,
  SUBPROJECTS,
} from '@amzconnect/env';

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/**
 * The Graphviz description of what the configuration deploys: GitHub → webhook router → one
 * pipeline per environment and sub-project (in release order) → the environment's account and
 * Regions; plus the self-update pipeline. Pure: the same config always gives the same text.
 */
export function pipelinesDot(config: PlatformConfig): string {
  const { tooling } = config;
  const lines: string[] = [
    'digraph pipelines {',
    '  rankdir=LR; compound=true; fontname="Helvetica"; nodesep=0.25; ranksep=0.6;',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, margin="0.3,0.08", fillcolor="#ffffff", color="#232f3e"];',
    '  edge [color="#545b64", fontname="Helvetica", fontsize=10];',
    `  github [label=${quote(`GitHub\n${tooling.owner}/${tooling.repo}`)}, fillcolor="#f2f2f2"];`,
    `  router [label=${quote('Webhook router\n(API Gateway + Lambda)')}, fillcolor="#ffe8cc"];`,
    '  github -> router [label="push"];',
    `  subgraph cluster_tooling {`,
    `    label=${quote(`Tooling account ${tooling.account} (${tooling.region})`)}; style="rounded"; color="#ff9900";`,
    `    selfupdate [label=${quote(`${selfUpdatePipelineName(tooling.platformPrefix)}\nbranch ${tooling.branch}`)}, fillcolor="#fff3e0"];`,
  ];
  const envs = enabledEnvironments(config);
  envs.forEach((env, i) => {
    lines.push(`    subgraph cluster_env${i} {`);
    lines.push(
      `      label=${quote(`${env.name} (branch ${env.branch})${env.approval ? ' · approval' : ''}`)}; style="rounded,dashed"; color="#545b64";`,
    );
    SUBPROJECTS.forEach((s, j) => {
      lines.push(
        `      p${i}_${j} [label=${quote(pipelineName(tooling.platformPrefix, s.id, env.branch))}];`,
      );
      if (j > 0) lines.push(`      p${i}_${j - 1} -> p${i}_${j} [style=dotted, arrowsize=0.6];`);
    });
    lines.push('    }');
  });
  lines.push('  }');
  lines.push('  router -> selfupdate [style=dashed];');
  envs.forEach((env, i) => {
    lines.push(`  router -> p${i}_0 [lhead=cluster_env${i}];`);
    lines.push(
      `  acct${i} [label=${quote(`Account ${env.account}\n${env.regions.join('\n')}`)}, shape=box3d, fillcolor="#e6f2ff"];`,
    );
    lines.push(`  p${i}_${SUBPROJECTS.length - 1} -> acct${i} [ltail=cluster_env${i}, label="cdk deploy"];`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

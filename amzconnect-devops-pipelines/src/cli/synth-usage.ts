/** Usage text of `npm run synth`. */
export const SYNTH_USAGE = `Usage: npm run synth [-- --config DIR] [--out DIR]

Validates the configuration in DIR (default env/) once, synthesizes the five CDK apps for every
enabled environment and Region into DIR (default cdk.out/), each in its own folder, and prints
the environments the tooling account serves. Relative paths are taken from the folder you run it in.
Inside one sub-project, \`npx cdk synth|diff|deploy -c config=DIR\` does the same for that app.`;

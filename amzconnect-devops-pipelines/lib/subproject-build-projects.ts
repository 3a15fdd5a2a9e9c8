import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { SUBPROJECTS, SubprojectId } from '@amzconnect/env';
import { PipelineProject } from './pipeline-project';

/** Props of {@link SubprojectBuildProjects}. */
export interface SubprojectBuildProjectsProps {
  /** Key that encrypts build artifacts and logs. */
  readonly encryptionKey: kms.IKey;
  /** Name of the artifact bucket the projects read and write. */
  readonly artifactBucketName: string;
}

/** Folder of the build script, relative to the repository root. */
export const BUILD_SCRIPT = 'amzconnect-devops-pipelines/scripts/build.sh';

/** Environment variable that names the environment a build synthesizes. */
export const TARGET_ENV_VARIABLE = 'TARGET_ENV';

/**
 * One CodeBuild project per sub-project for one environment (each with its own role, which may
 * use only that environment's artifact bucket); the pipeline passes the environment in
 * `TARGET_ENV`. The buildspec only calls the versioned script `scripts/build.sh` from the
 * repository, so the build logic is reviewed like any other code.
 */
export class SubprojectBuildProjects extends Construct {
  /** Projects by sub-project id. */
  public readonly projects: Readonly<Record<SubprojectId, codebuild.PipelineProject>>;

  constructor(scope: Construct, id: string, props: SubprojectBuildProjectsProps) {
    super(scope, id);
    const entries = SUBPROJECTS.map(
      (s) => [s.id, this.createProject(s.id, s.folder, s.title, props)] as const,
    );
    this.projects = Object.fromEntries(entries) as Record<SubprojectId, codebuild.PipelineProject>;
  }

  private createProject(
    subproject: string,
    folder: string,
    title: string,
    props: SubprojectBuildProjectsProps,
  ): codebuild.PipelineProject {
    return createBuildProject(this, subproject, {
      description: `Lint, test and synthesize ${title} (${folder}) for one environment`,
      folder,
      encryptionKey: props.encryptionKey,
      artifactBucketName: props.artifactBucketName,
    });
  }
}

/** Options of {@link createBuildProject}. */
export interface BuildProjectOptions {
  readonly description: string;
  /** Folder whose `cdk.out` is the build output. */
  readonly folder: string;
  readonly encryptionKey: kms.IKey;
  /** Name of the artifact bucket. */
  readonly artifactBucketName: string;
}

/** A build project that runs `scripts/build.sh <folder> $TARGET_ENV` and outputs `<folder>/cdk.out`. */
export function createBuildProject(
  scope: Construct,
  id: string,
  options: BuildProjectOptions,
): codebuild.PipelineProject {
  return new PipelineProject(scope, id, {
    description: options.description,
    command: `bash ${BUILD_SCRIPT} ${options.folder} "$${TARGET_ENV_VARIABLE}"`,
    encryptionKey: options.encryptionKey,
    artifactBucketName: options.artifactBucketName,
    outputDirectory: `${options.folder}/cdk.out`,
    computeType: codebuild.ComputeType.LARGE,
  }).project;
}

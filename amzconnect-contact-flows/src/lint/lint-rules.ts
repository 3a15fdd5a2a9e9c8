import { LintRule } from './lint-rule';
import { blockType } from './rules/block-type';
import { contentSize } from './rules/content-size';
import { duplicateIdentifier } from './rules/duplicate-identifier';
import { hardCodedAccountId } from './rules/hard-coded-account-id';
import { hardCodedArn } from './rules/hard-coded-arn';
import { hardCodedRegion } from './rules/hard-coded-region';
import { identifierSyntax } from './rules/identifier-syntax';
import { nameLength } from './rules/name-length';
import { startAction } from './rules/start-action';
import { transitionTarget } from './rules/transition-target';
import { unknownExternalKey } from './rules/unknown-external-key';
import { unknownPlaceholder } from './rules/unknown-placeholder';
import { unknownReference } from './rules/unknown-reference';
import { unreachableAction } from './rules/unreachable-action';

/** The rules applied to every readable flow, in output order. */
export const LINT_RULES: readonly LintRule[] = [
  duplicateIdentifier,
  identifierSyntax,
  startAction,
  transitionTarget,
  unreachableAction,
  unknownReference,
  unknownExternalKey,
  hardCodedArn,
  hardCodedAccountId,
  hardCodedRegion,
  contentSize,
  unknownPlaceholder,
  nameLength,
  blockType,
];

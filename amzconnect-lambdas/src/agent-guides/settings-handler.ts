import { FlatStringMap } from '../shared/flat-map';
import { readGuideSettings } from './agent-guides-config';
import { guideSettingsAnswer } from './guide-settings-answer';

// Read once: the answer depends only on the environment the stack set.
const answer = guideSettingsAnswer(readGuideSettings(process.env));

/** Lambda entry point: the guide flow's first call (configuration, links, view ARNs). No AWS call. */
export const handler = async (): Promise<FlatStringMap> => answer;

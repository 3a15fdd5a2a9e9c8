/**
 * Prompts that Amazon Connect creates in every new instance. Flows may reference them with
 * `${prompt:Name}` without a definition in `amzconnect-instance/config/instance.json`; the
 * deployment looks them up by name in the target instance like any other prompt.
 *
 * Instances name them in one of two ways (both are seen in real exports): the classic file
 * names (`Beep.wav`) and, in newer instances, the same names with a category (`SFX - Beep.wav`,
 * `Music - Jazz_MyTimetoFly_Inst.wav`). Both spellings are accepted.
 */
const CLASSIC = [
  'Beep.wav',
  'CustomerHold.wav',
  'CustomerQueue.wav',
  'Music_Jazz_MyTimetoFly_Inst.wav',
  'Music_Pop_ThisAndThatIsLife_Inst.wav',
  'Music_Pop_ThrowYourselfInFrontOfIt_Inst.wav',
  'Music_Rock_EverywhereTheSunShines_Inst.wav',
] as const;

const CATEGORISED = [
  'SFX - Beep.wav',
  'Music - Jazz_MyTimetoFly_Inst.wav',
  'Music - Pop_ThisAndThatIsLife_Inst.wav',
  'Music - Pop_ThrowYourselfInFrontOfIt_Inst.wav',
  'Music - Rock_EverywhereTheSunShines_Inst.wav',
] as const;

/** Names of the prompts every instance has by default. */
export const DEFAULT_PROMPTS: readonly string[] = [...CLASSIC, ...CATEGORISED];

// LiveConnectConfig → the wire `setup` message: flattened generation fields go to generationConfig,
// a text system instruction becomes a Content, function tools become declarations.
import type { BidiGenerateContentSetup } from '../../generated/types/BidiGenerateContentSetup.js';
import type { GenerationConfig } from '../../generated/types/GenerationConfig.js';
import { InvalidArgumentError } from '../core/errors.js';
import { toContent } from '../models/content.js';
import { modelName } from '../models/request.js';
import { ToolRunner } from '../tools/runner.js';
import { LIVE_GENERATION_FIELDS, type LiveConnectConfig } from './types.js';

/** The setup message and the functions that run automatically. */
export interface PreparedSetup {
  /** The wire setup (without a resumption handle unless the config gave one). */
  setup: BidiGenerateContentSetup;
  /** Functions with code, when automatic function calling is on. */
  runner: ToolRunner | undefined;
}

/** Builds the setup for `model` and `config`; throws `InvalidArgumentError` on bad input, before connecting. */
export function prepareSetup(model: string, config: LiveConnectConfig = {}): PreparedSetup {
  if (typeof config !== 'object' || config === null)
    throw new InvalidArgumentError('config: expected an object');
  const { systemInstruction, tools, automaticFunctionCalling, generationConfig, ...rest } = config;
  const setup: BidiGenerateContentSetup = { model: modelName(model) };
  const generation: GenerationConfig = { ...generationConfig };
  const direct: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    if ((LIVE_GENERATION_FIELDS as readonly string[]).includes(key))
      (generation as Record<string, unknown>)[key] = value;
    else direct[key] = value;
  }
  const modalities = generation.responseModalities;
  if (modalities !== undefined && (!Array.isArray(modalities) || modalities.length > 1)) {
    throw new InvalidArgumentError(
      'responseModalities: a Live session answers in one modality, e.g. ["TEXT"] or ["AUDIO"]',
    );
  }
  if (Object.keys(generation).length > 0) setup.generationConfig = generation;
  if (systemInstruction !== undefined) {
    const content = toContent(systemInstruction, 'systemInstruction');
    if (content instanceof Promise) {
      content.catch(() => undefined); // not awaited: the error below is the answer
      throw new InvalidArgumentError('systemInstruction: Blob parts are not supported; pass text');
    }
    setup.systemInstruction = content;
  }
  let runner: ToolRunner | undefined;
  if (tools !== undefined) {
    runner = new ToolRunner(tools);
    setup.tools = runner.tools;
  }
  const resumption = direct['sessionResumption'];
  if (resumption !== undefined && (typeof resumption !== 'object' || resumption === null)) {
    throw new InvalidArgumentError('sessionResumption: expected an object, e.g. {} or { handle }');
  }
  Object.assign(setup, direct);
  const afcOff = automaticFunctionCalling?.disable === true;
  return { setup, runner: runner?.runnable && !afcOff ? runner : undefined };
}

/** The setup for a resuming connection: the same configuration with the latest handle. */
export function resumeSetup(setup: BidiGenerateContentSetup, handle: string): BidiGenerateContentSetup {
  return { ...setup, sessionResumption: { ...setup.sessionResumption, handle } };
}

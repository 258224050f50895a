// LiveConnectConfig → the wire `setup` message: flattened generation fields go to generationConfig,
// a text system instruction becomes a Content, function tools become declarations.
import type { BidiGenerateContentSetup } from '../../generated/types/BidiGenerateContentSetup.js';
import type { GenerationConfig } from '../../generated/types/GenerationConfig.js';
import { BidiGenerateContentSetupFields } from '../../generated/fields.js';
import { InvalidArgumentError } from '../core/errors.js';
import { applyConfig, type ConfigShape } from '../models/config.js';
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
  /** `config.abortSignal`, if given. */
  signal: AbortSignal | undefined;
  /** Whether functions with code are answered automatically (not turned off in the config). */
  afc: boolean;
}

// The same rule as every model call (src/models/config.ts): setup fields stay, generation fields move
// into generationConfig, anything else is refused before connecting.
const LIVE_SHAPE: ConfigShape = {
  top: [
    ...BidiGenerateContentSetupFields.filter((f) => f !== 'model' && f !== 'generationConfig'),
    'automaticFunctionCalling',
  ],
  generation: LIVE_GENERATION_FIELDS,
};

/** Builds the setup for `model` and `config`; throws `InvalidArgumentError` on bad input, before connecting. */
export function prepareSetup(model: string, config: LiveConnectConfig = {}): PreparedSetup {
  const [flat, options] = applyConfig({ config }, LIVE_SHAPE, undefined);
  const { signal, ...unused } = options ?? {};
  if (Object.keys(unused).length)
    throw new InvalidArgumentError('config.httpOptions: not supported by live.connect (see connectTimeout)');
  const { systemInstruction, tools, automaticFunctionCalling, generationConfig, ...direct } =
    flat as LiveConnectConfig;
  const setup: BidiGenerateContentSetup = { model: modelName(model) };
  const generation: GenerationConfig = { ...generationConfig };
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
  const resumption = direct.sessionResumption;
  if (resumption !== undefined && (typeof resumption !== 'object' || resumption === null)) {
    throw new InvalidArgumentError('sessionResumption: expected an object, e.g. {} or { handle }');
  }
  Object.assign(setup, direct);
  const afcOff = automaticFunctionCalling?.disable === true;
  return { setup, runner: runner?.runnable && !afcOff ? runner : undefined, signal, afc: !afcOff };
}

/** The setup for a resuming connection: the same configuration with the latest handle. */
export function resumeSetup(setup: BidiGenerateContentSetup, handle: string): BidiGenerateContentSetup {
  return { ...setup, sessionResumption: { ...setup.sessionResumption, handle } };
}

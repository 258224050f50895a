// Sending generateContent requests: one call, or several when automatic function calling answers the
// model's function calls. Shared by `client.models` and chats.
import { generateContent, streamGenerateContent } from '../../generated/methods/models.js';
import * as tuned from '../../generated/methods/tunedModels.js';
import type { Transport } from '../../generated/transport.js';
import type { Content } from '../../generated/types/Content.js';
import type { CallOptions } from '../core/transport.js';
import { answerCalls, plannedCalls } from '../tools/afc.js';
import {
  prepareRequest,
  type GenerateContentInput,
  type PrepareTools,
  type PreparedRequest,
} from './request.js';
import { withHelpers, type GenerateContentResult } from './response.js';
import type { StreamSetup } from './stream.js';

// `tunedModels/…` names have their own methods (same body, same answer).
const isTuned = (model: string): boolean => model.startsWith('tunedModels/');

/** Sends a prepared request, running functions automatically while the model asks for them. */
export async function sendPrepared<T = unknown>(
  t: Transport,
  req: PreparedRequest,
  options?: CallOptions,
): Promise<GenerateContentResult<T>> {
  const params = { model: req.model };
  const send = isTuned(req.model) ? tuned.generateContent : generateContent;
  let contents = req.body.contents;
  const history: Content[] = [];
  for (let requests = 1; ; requests++) {
    const body = requests === 1 ? req.body : { ...req.body, contents };
    const response = await send(t, params, body, options);
    const calls = plannedCalls(response, req.runner, req.afc, requests);
    if (!calls) return withHelpers<T>(response, { parser: req.parser, afcHistory: history });
    const turns = await answerCalls(response, calls, req.runner!, options?.signal);
    history.push(...turns);
    contents = [...contents, ...turns];
  }
}

/** generateContent from an input. */
export async function generate<T = unknown>(
  t: Transport,
  input: GenerateContentInput<T>,
  options: CallOptions | undefined,
  prepareTools: PrepareTools,
): Promise<GenerateContentResult<T>> {
  const req = await prepareRequest(input as GenerateContentInput, options, prepareTools);
  return sendPrepared<T>(t, req, req.options);
}

/** What a `GenerateContentStream` needs to send a prepared request (and its follow-ups). */
export function streamSetup(t: Transport, req: PreparedRequest, options?: CallOptions): StreamSetup {
  const params = { model: req.model };
  const stream = isTuned(req.model) ? tuned.streamGenerateContent : streamGenerateContent;
  return {
    contents: req.body.contents,
    request: (contents) =>
      stream(t, params, contents === req.body.contents ? req.body : { ...req.body, contents }, options),
    runner: req.runner,
    afc: req.afc,
    parser: req.parser,
    signal: options?.signal,
  };
}

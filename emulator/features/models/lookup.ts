/** Resolving the model a call names, with the service's 404 for unknown or unsupported models. */
import type { EmulatorCore } from '../../core.js';
import { modelNotFound } from '../../errors.js';
import type { ModelInfo } from './catalog.js';

/**
 * The model named by `name` (`models/x`) if it exists and lists `capability` in its
 * `supportedGenerationMethods`; otherwise the real 404 naming `method` (the method called).
 */
export function requireModel(
  core: EmulatorCore,
  name: string,
  version: string,
  method: string,
  capability: string = method,
): ModelInfo {
  const model = core.models.get(name);
  if (!model || !model.supportedGenerationMethods.includes(capability))
    throw modelNotFound(name, version, method);
  return model;
}

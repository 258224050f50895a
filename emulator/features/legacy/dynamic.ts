/**
 * `dynamic/{id}:generateContent` and `:streamGenerateContent`. The discovery document routes them with
 * the same request and response as `models/*` generation (its parameter text is copied from it) and no
 * method creates or lists a `dynamic/…` resource, so every id is unknown: the service's model 404.
 */
import type { EmulatorCore } from '../../core.js';
import { modelNotFound } from '../../errors.js';

/** Installs the dynamic handlers (always 404 NOT_FOUND). */
export function installDynamic(core: EmulatorCore): void {
  for (const method of ['generateContent', 'streamGenerateContent']) {
    core.registry.register(`dynamic.${method}`, (call) => {
      throw modelNotFound(call.params['model'] ?? '', call.version, method);
    });
  }
}

/**
 * The model methods that are neither generateContent nor Imagen: the PaLM-era methods (palm.ts),
 * generateAnswer for the `aqa` model (answer.ts) and `dynamic/*` generation (dynamic.ts).
 */
import type { EmulatorFeature } from '../../core.js';
import { installAnswer } from './answer.js';
import { installDynamic } from './dynamic.js';
import { installPalm } from './palm.js';

/** Installs the legacy model methods. */
export const legacyFeature: EmulatorFeature = {
  name: 'legacy',
  install(core) {
    installPalm(core);
    installAnswer(core);
    installDynamic(core);
  },
};

/** The per-instance model list (`models.list` / `models.get` and model checks of other methods). */
import { MODEL_CATALOG, RETIRED_MODELS, RETIREMENTS, type ModelInfo, type Retirement } from './catalog.js';

/** What a test passes to add a model: a full entry, or just an id / `models/…` name. */
export type ModelInput = string | (Partial<ModelInfo> & { readonly name: string });

/** The public model API (`control.models`). */
export interface ModelsControl {
  /** Adds (or replaces) a model; a bare id gets generateContent/countTokens/embedContent support. */
  add(model: ModelInput): ModelInfo;
  /** Removes a model; later calls naming it get the real 404. */
  remove(name: string): boolean;
  /** Looks a model up by id or `models/…` name. */
  get(name: string): ModelInfo | undefined;
  /** Every model, in list order. */
  list(): readonly ModelInfo[];
  /** The retirement record of a model the service has shut down (served anyway with `models: 'all'`). */
  retirement(name: string): Retirement | undefined;
}

/**
 * Which models an emulator serves: `'current'` (default) what the service serves today, `'all'` every
 * model it ever offered (retired ones too, e.g. to replay old recordings).
 */
export type ModelSelection = 'current' | 'all';

const fullName = (name: string): string => (name.startsWith('models/') ? name : `models/${name}`);

/** Ordered model map of one emulator instance. */
export class ModelStore implements ModelsControl {
  private models = new Map<string, ModelInfo>();

  constructor(private readonly selection: ModelSelection = 'current') {
    this.reset();
  }

  add(model: ModelInput): ModelInfo {
    const input = typeof model === 'string' ? { name: model } : model;
    const name = fullName(input.name);
    const info: ModelInfo = {
      version: '001',
      displayName: name.slice('models/'.length),
      supportedGenerationMethods: ['generateContent', 'countTokens', 'embedContent'],
      ...input,
      name,
    };
    this.models.set(name, info);
    return info;
  }

  remove(name: string): boolean {
    return this.models.delete(fullName(name));
  }

  get(name: string): ModelInfo | undefined {
    return this.models.get(fullName(name));
  }

  list(): readonly ModelInfo[] {
    return [...this.models.values()];
  }

  retirement(name: string): Retirement | undefined {
    return RETIREMENTS.get(fullName(name));
  }

  /** Back to the start-up catalog. */
  reset(): void {
    const models = this.selection === 'all' ? [...MODEL_CATALOG, ...RETIRED_MODELS] : MODEL_CATALOG;
    this.models = new Map(models.map((m) => [m.name, m]));
  }
}

/** The per-instance model list (`models.list` / `models.get` and model checks of other methods). */
import { MODEL_CATALOG, type ModelInfo } from './catalog.js';

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
}

const fullName = (name: string): string => (name.startsWith('models/') ? name : `models/${name}`);

/** Ordered model map of one emulator instance. */
export class ModelStore implements ModelsControl {
  private models = new Map<string, ModelInfo>();

  constructor() {
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

  /** Back to the default catalog. */
  reset(): void {
    this.models = new Map(MODEL_CATALOG.map((m) => [m.name, m]));
  }
}

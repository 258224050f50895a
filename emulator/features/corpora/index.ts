/**
 * The corpora area (what the v1beta discovery still lists of the Semantic Retriever): create (name
 * given, or derived from the display name plus a 12-character suffix as the field description says),
 * get, list (ascending create time, 10 per page by default, at most 20), delete with `force`, and
 * permissions (shared with tuned models: permissions-store.ts). The API has no document routes any
 * more, so a corpus only holds documents when a test seeds it with some (`control.corpora.seed({
 * documents })`, standing for documents added by other means); delete refuses such a corpus without
 * `force`. The documented "up to 5 corpora" per project is enforced (configurable). No traffic is
 * recorded for this family.
 */
import type { EmulatorCore, EmulatorFeature } from '../../core.js';
import { invalidArgument, RpcError } from '../../errors.js';
import { json } from '../../registry.js';
import { lowerId } from '../files/store.js';
import { listPage } from '../models/page-token.js';
import {
  entityNotFound,
  installPermissions,
  checkSeedRole,
  PermissionSet,
  requireRole,
  type Role,
} from '../permissions-store.js';
import { formatTimestamp } from '../../clock.js';
import { asObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;

/** The documented corpus id: lowercase alphanumerics and dashes, up to 40, no dash at either end. */
const CORPUS_ID = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

/** One stored corpus. */
interface StoredCorpus {
  readonly name: string;
  readonly displayName: string | undefined;
  readonly createdAt: number;
  /** Documents it holds (only seeds add any: the API has no document routes). */
  readonly documents: number;
  readonly permissions: PermissionSet;
}

/** Settings of the corpora area. */
export interface CorporaSettings {
  /** Corpora a project may hold (the documented 5). */
  maxCorpora: number;
}

/** A corpus to add without a create call. */
export interface CorpusSeed {
  /** Id or `corpora/…` name (derived from `displayName` when absent). */
  readonly id?: string;
  readonly displayName?: string;
  /** Documents it holds (default 0): a non-empty corpus is deleted only with `force`. */
  readonly documents?: number;
  /** The caller's role on it (default OWNER). */
  readonly callerRole?: Role;
}

/** `control.corpora`: limits, seeding and inspection. */
export interface CorporaControl {
  /** Changes settings; returns the settings in force. */
  configure(settings: Partial<CorporaSettings>): CorporaSettings;
  /** Adds a corpus (the project limit does not apply); returns it as `corpora.get` would. */
  seed(corpus: CorpusSeed): Record<string, unknown>;
  /** Names of every corpus, oldest first. */
  list(): readonly string[];
}

declare module '../../control/control.js' {
  interface EmulatorControl {
    /** Corpora. */
    readonly corpora: CorporaControl;
  }
}

/** `My Awesome Corpora` → `my-awesome-corpora-123a456b789c` (the field description's example shape). */
function newCorpusId(core: EmulatorCore, displayName: string | undefined): string {
  const words = (displayName ?? '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const slug = words.join('-').slice(0, 27).replace(/-+$/, '');
  const suffix = lowerId(core, 12);
  return slug ? `${slug}-${suffix}` : suffix;
}

function view(c: StoredCorpus): Record<string, unknown> {
  const time = formatTimestamp(c.createdAt);
  return {
    name: c.name,
    ...(c.displayName ? { displayName: c.displayName } : {}),
    createTime: time,
    updateTime: time,
  };
}

/** Installs the corpora handlers. */
export const corporaFeature: EmulatorFeature = {
  name: 'corpora',
  install(core: EmulatorCore) {
    const corpora = new Map<string, StoredCorpus>();
    const defaults: CorporaSettings = { maxCorpora: 5 };
    const settings: CorporaSettings = { ...defaults };
    const r = core.registry;

    const find = (name: string): StoredCorpus => {
      const c = corpora.get(name);
      if (!c) throw entityNotFound();
      return c;
    };
    /** The name a new corpus gets: 400 for a malformed id, 409 when taken. */
    const newName = (input: CorpusSeed): string => {
      const id = input.id?.replace(/^corpora\//, '') ?? newCorpusId(core, input.displayName);
      if (!CORPUS_ID.test(id))
        throw invalidArgument(
          `Corpus.name: the id ${JSON.stringify(id)} must be up to 40 lowercase letters, digits or dashes and may not start or end with a dash.`,
        );
      const name = `corpora/${id}`;
      if (corpora.has(name)) throw new RpcError(409, `Corpus ${name} already exists.`);
      return name;
    };
    const add = (input: CorpusSeed, name = newName(input)): StoredCorpus => {
      const c: StoredCorpus = {
        name,
        displayName: input.displayName,
        createdAt: core.clock.now(),
        documents: input.documents ?? 0,
        permissions: new PermissionSet(input.callerRole ?? 'OWNER'),
      };
      corpora.set(name, c);
      return c;
    };

    r.register('corpora.create', (call) => {
      const body = asObj(call.body);
      const name = typeof body['name'] === 'string' && body['name'] !== '' ? body['name'] : undefined;
      if (name !== undefined && !name.startsWith('corpora/'))
        throw invalidArgument(`Corpus.name must look like corpora/{corpus}, got ${JSON.stringify(name)}.`);
      const displayName =
        typeof body['displayName'] === 'string' && body['displayName'] !== ''
          ? body['displayName']
          : undefined;
      if (displayName !== undefined && [...displayName].length > 512)
        throw invalidArgument(
          `Corpus.display_name must be at most 512 characters, got ${[...displayName].length}.`,
        );
      const input: CorpusSeed = { ...(name ? { id: name } : {}), ...(displayName ? { displayName } : {}) };
      // A malformed or taken name is answered as such even when the project is full.
      const corpusName = newName(input);
      if (corpora.size >= settings.maxCorpora) {
        throw new RpcError(
          429,
          `A project can create up to ${settings.maxCorpora} corpora; delete one before creating another.`,
        );
      }
      return json(view(add(input, corpusName)));
    });

    r.register('corpora.get', (call) => json(view(find(call.params['name'] ?? ''))));

    r.register('corpora.list', (call) => {
      const options = { key: 'corpora', defaultSize: 10, maxSize: 20, view };
      return json(listPage(call.query, [...corpora.values()], options));
    });

    r.register('corpora.delete', (call) => {
      const c = find(call.params['name'] ?? '');
      requireRole(c, 'OWNER', 'delete');
      if (c.documents > 0 && call.query['force'] !== true) {
        throw new RpcError(
          400,
          `Corpus ${c.name} contains ${c.documents} document(s); set force=true to delete it with its documents.`,
          { status: 'FAILED_PRECONDITION' },
        );
      }
      corpora.delete(c.name);
      return json({});
    });

    installPermissions(core, 'corpora', find);

    const control: CorporaControl = {
      configure(next) {
        if (next.maxCorpora !== undefined) {
          if (!Number.isInteger(next.maxCorpora) || next.maxCorpora < 0)
            throw new RangeError(`maxCorpora must be an integer >= 0, got ${next.maxCorpora}`);
          settings.maxCorpora = next.maxCorpora;
        }
        return { ...settings };
      },
      seed(seed) {
        const documents = seed.documents ?? 0;
        if (!Number.isInteger(documents) || documents < 0)
          throw new RangeError(`documents must be an integer >= 0, got ${documents}`);
        checkSeedRole(seed.callerRole);
        try {
          return view(add(seed));
        } catch (e) {
          throw new RangeError((e as Error).message);
        }
      },
      list: () => [...corpora.keys()],
    };
    core.extendControl('corpora', control);
    core.onReset(() => {
      corpora.clear();
      Object.assign(settings, defaults);
    });
    core.controlRoutes.add('GET', 'corpora', () => ({ corpora: control.list() }));
    core.controlRoutes.add('POST', 'corpora/configure', (b) =>
      control.configure(asObj(b) as Partial<CorporaSettings>),
    );
    core.controlRoutes.add('POST', 'corpora/seed', (b) => {
      try {
        return control.seed(asObj(b) as CorpusSeed);
      } catch (e) {
        throw new RpcError(400, (e as Error).message);
      }
    });
  },
};

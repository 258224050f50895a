// `client.generatedFiles`: files the service generated for you (e.g. by tools), listed with a pager.

import * as stubs from '../../generated/methods/generatedFiles.js';
import type { GeneratedFile } from '../../generated/types/GeneratedFile.js';
import type { ListGeneratedFilesResponse } from '../../generated/types/ListGeneratedFilesResponse.js';
import type { Transport } from '../../generated/transport.js';
import { PagePromise } from '../core/pager.js';
import type { CallOptions } from '../core/transport.js';

/** Generated files: `list()` (await the first page, or `for await` every file). */
export class GeneratedFiles {
  readonly #t: Transport;

  /** Usually reached as `client.generatedFiles`. */
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** Lists generated files across pages. */
  list(
    params: { pageSize?: number; pageToken?: string } = {},
    options?: CallOptions,
  ): PagePromise<GeneratedFile, ListGeneratedFilesResponse> {
    return PagePromise.over(
      (p) => stubs.list(this.#t, p, options),
      params,
      'generatedFiles',
      options?.signal,
    );
  }
}

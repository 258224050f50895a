// `PagePromise`: list results that are awaited as one page or iterated item by item across pages.

import { ApiPromise, type WithResponse } from './api-promise.js';
import { AbortError } from './errors.js';

/** What a paginated list response looks like: items under some key plus `nextPageToken`. */
export interface PageShape {
  /** Token of the next page; absent or empty on the last page. */
  nextPageToken?: string | undefined;
}

/** Fetches one page: `undefined` is the first page (or the resume token given to the pager). */
export type FetchPage<Page> = (pageToken: string | undefined) => Promise<Page>;

/** Options of a `PagePromise`. */
export interface PagerOptions {
  /** Resume from this page token instead of the first page. */
  pageToken?: string | undefined;
  /** Stops the iteration (with `AbortError`) before the next page is fetched. */
  signal?: AbortSignal | undefined;
}

/**
 * A paginated list. `await pager` (or `.page()`) gives the first page; `for await (const item of pager)`
 * gives every item across pages following `nextPageToken`; `.pages()` yields the raw pages. The page size is
 * whatever `fetchPage` asks for (list methods take `pageSize`). The first page is fetched once, lazily.
 */
export class PagePromise<Item, Page extends PageShape> implements PromiseLike<Page>, AsyncIterable<Item> {
  readonly #fetchPage: FetchPage<Page>;
  readonly #itemKey: keyof Page & string;
  readonly #pageToken: string | undefined;
  readonly #signal: AbortSignal | undefined;
  #first: ApiPromise<Page> | undefined;

  /**
   * A pager over a list call that takes its page token among its parameters (every generated `list`
   * stub): `params` go with every page, the token of the page being fetched replacing theirs, which is
   * where the first page starts.
   */
  static over<Item, Page extends PageShape, P extends { pageToken?: string | undefined }>(
    list: (params: NoInfer<Omit<P, 'pageToken'>> & { pageToken?: string }) => Promise<Page>,
    params: P,
    itemKey: keyof Page & string,
    signal?: AbortSignal,
  ): PagePromise<Item, Page> {
    const { pageToken, ...base } = params;
    return new PagePromise<Item, Page>(
      (token) => list(token ? { ...base, pageToken: token } : base),
      itemKey,
      { pageToken, signal },
    );
  }

  /** `itemKey` names the list field of a page, e.g. `models` or `files` (a missing field means no items). */
  constructor(fetchPage: FetchPage<Page>, itemKey: keyof Page & string, options: PagerOptions = {}) {
    this.#fetchPage = fetchPage;
    this.#itemKey = itemKey;
    this.#pageToken = options.pageToken || undefined;
    this.#signal = options.signal;
  }

  /** The first page (fetched once). */
  page(): Promise<Page> {
    return (this.#first ??= new ApiPromise(this.#fetchWith(this.#pageToken)));
  }

  /** The first page and the HTTP `Response` it came from. */
  withResponse(): Promise<WithResponse<Page>> {
    this.page();
    return this.#first!.withResponse();
  }

  /** Promise `then` on the first page. */
  then<A = Page, B = never>(
    onfulfilled?: ((page: Page) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.page().then(onfulfilled, onrejected);
  }

  /** The items of one page (`[]` when the list field is absent, as for an empty collection). */
  items(page: Page): Item[] {
    const v: unknown = page[this.#itemKey];
    return Array.isArray(v) ? (v as Item[]) : [];
  }

  /** Yields every page, starting with the first, until a page has no `nextPageToken`. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    let token = this.#pageToken;
    let page = await this.page();
    for (;;) {
      yield page;
      const next = page.nextPageToken;
      if (!next || next === token) return;
      token = next;
      page = await this.#fetch(next);
    }
  }

  /** Yields every item of every page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* this.items(page);
  }

  async #fetch(token: string | undefined): Promise<Page> {
    if (this.#signal?.aborted) throw new AbortError(this.#signal.reason);
    return this.#fetchPage(token);
  }

  async #fetchWith(token: string | undefined): Promise<{ data: Page; response: Response | undefined }> {
    if (this.#signal?.aborted) throw new AbortError(this.#signal.reason);
    const p: Promise<Page> & Partial<Pick<ApiPromise<Page>, 'withResponse'>> = this.#fetchPage(token);
    return p.withResponse ? p.withResponse() : { data: await p, response: undefined };
  }
}

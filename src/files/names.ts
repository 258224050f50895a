// File references: `files/abc`, `abc`, a `File`, or a file URI (`…/v1beta/files/abc`, `…:download?alt=media`).

import type { File } from '../../generated/types/File.js';
import { InvalidArgumentError } from '../core/errors.js';

/** Anything that names a file. */
export type FileIdentifier = string | Pick<File, 'name'> | { readonly uri: string };

const ID = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

/** `files/abc` for a name, bare id, `File`, or file URI; throws `InvalidArgumentError` otherwise. */
export function fileName(ref: FileIdentifier): string {
  const raw =
    typeof ref === 'string' ? ref : 'name' in ref && ref.name ? ref.name : 'uri' in ref ? ref.uri : '';
  const m = /(?:^|\/)files\/([^/:?#]+)(?::download)?(?:[?#].*)?$/.exec(raw);
  const id = m?.[1] ?? raw;
  if (!ID.test(id)) {
    throw new InvalidArgumentError(
      `not a file name: ${JSON.stringify(raw)} (expected files/<id>, an id of up to 40 lowercase letters, digits or dashes, or a file URI)`,
    );
  }
  return `files/${id}`;
}

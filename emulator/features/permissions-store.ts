/**
 * Permissions of shared resources, one implementation for every family that has them (tuned models
 * and corpora): `{family}.permissions.create / get / list / patch / delete` plus the ownership
 * transfer. Each resource holds a `PermissionSet`: its grants and the caller's own role on it. The
 * caller's ownership is implicit (the emulator knows no caller e-mail, so no OWNER grant is listed
 * for it); after `transferOwnership` the new owner appears as an OWNER grant and the caller is a
 * WRITER, as the discovery description says. No traffic is recorded for these methods: the checks
 * follow the field descriptions and the wording is the emulator's own.
 */
import type { EmulatorCore } from '../core.js';
import { invalidArgument, RpcError } from '../errors.js';
import { json, type ApiCall } from '../registry.js';
import { lowerId } from './files/store.js';
import { listPage } from './models/page-token.js';
import { asObj } from '../json.js';

type Obj = Readonly<Record<string, unknown>>;

/** Roles, weakest first: each one can do what the previous can. */
export type Role = 'READER' | 'WRITER' | 'OWNER';

/** Who a grant is for. */
export type GranteeType = 'USER' | 'GROUP' | 'EVERYONE';

const RANK: Readonly<Record<Role, number>> = { READER: 1, WRITER: 2, OWNER: 3 };

/** One stored grant. */
export interface StoredPermission {
  readonly name: string;
  readonly granteeType: GranteeType;
  readonly emailAddress: string | undefined;
  role: Role;
}

/** The grants of one resource, and the caller's role on it (OWNER for what the caller created). */
export class PermissionSet {
  /** Grants by name, oldest first. */
  readonly grants = new Map<string, StoredPermission>();

  constructor(public callerRole: Role = 'OWNER') {}

  /** Whether some grant makes the resource readable by everyone. */
  sharedWithEveryone(): boolean {
    return [...this.grants.values()].some((g) => g.granteeType === 'EVERYONE');
  }
}

/** A resource that has permissions. */
export interface PermissionParent {
  readonly name: string;
  readonly permissions: PermissionSet;
}

/** Throws a RangeError (a test's mistake, not an API answer) unless `role` is absent or a known role. */
export function checkSeedRole(role: unknown): void {
  if (role !== undefined && !(typeof role === 'string' && Object.hasOwn(RANK, role)))
    throw new RangeError(`callerRole must be READER, WRITER or OWNER, got ${JSON.stringify(role)}`);
}

/** The generic Google wording for a missing resource. */
export function entityNotFound(): RpcError {
  return new RpcError(404, 'Requested entity was not found.');
}

/** 403 when the caller's role on `parent` is below `needed`. */
export function requireRole(parent: PermissionParent, needed: Role, action: string): void {
  if (RANK[parent.permissions.callerRole] < RANK[needed]) {
    throw new RpcError(
      403,
      `The caller does not have permission to ${action} ${parent.name} (needs ${needed}, has ${parent.permissions.callerRole}).`,
    );
  }
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Checks an e-mail address field (400 when malformed). */
export function checkEmail(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalidArgument(`${field} must be set.`);
  if (!EMAIL.test(value)) throw invalidArgument(`${field} is not a valid email address: ${value}`);
  return value;
}

/** A role that a grant may carry: READER or WRITER (OWNER changes only by an ownership transfer). */
function grantableRole(value: unknown): Role {
  if (value === 'READER' || value === 'WRITER') return value;
  if (value === 'OWNER') {
    throw invalidArgument(
      'The OWNER role can not be granted through a permission; a resource has exactly one owner (see TransferOwnership).',
    );
  }
  throw invalidArgument('* Permission.role: role is not specified\n');
}

function view(p: StoredPermission): Record<string, unknown> {
  return {
    name: p.name,
    granteeType: p.granteeType,
    ...(p.emailAddress !== undefined ? { emailAddress: p.emailAddress } : {}),
    role: p.role,
  };
}

/** The grant `parent/permissions/x` or the 404. */
function findGrant(parent: PermissionParent, name: string): StoredPermission {
  const g = parent.permissions.grants.get(name);
  if (!g) throw entityNotFound();
  return g;
}

/** The grantee type of a new grant; unset with an address is the common case, a user. */
function granteeTypeOf(declared: unknown, email: unknown): GranteeType {
  if (declared === 'USER' || declared === 'GROUP' || declared === 'EVERYONE') return declared;
  if (typeof email === 'string' && email !== '') return 'USER';
  throw invalidArgument('Permission.grantee_type must be set to USER, GROUP or EVERYONE.');
}

/** The grant of a grantee (e-mail addresses compare case-insensitively), if there is one. */
function grantOf(
  set: PermissionSet,
  type: GranteeType,
  email: string | undefined,
): StoredPermission | undefined {
  const address = email?.toLowerCase();
  return [...set.grants.values()].find(
    (g) => g.granteeType === type && g.emailAddress?.toLowerCase() === address,
  );
}

/** A new grant from a validated `Permission` body. */
function newGrant(core: EmulatorCore, parent: PermissionParent, body: Obj): StoredPermission {
  const role = grantableRole(body['role']);
  const email = body['emailAddress'];
  const granteeType = granteeTypeOf(body['granteeType'], email);
  let emailAddress: string | undefined;
  if (granteeType === 'EVERYONE') {
    if (email !== undefined && email !== '')
      throw invalidArgument('Permission.email_address must not be set when grantee_type is EVERYONE.');
    if (role !== 'READER') throw invalidArgument('Only the READER role can be granted to EVERYONE.');
  } else {
    emailAddress = checkEmail(email, `Permission.email_address (required for grantee_type ${granteeType})`);
  }
  const same = grantOf(parent.permissions, granteeType, emailAddress);
  if (same) {
    throw new RpcError(
      409,
      `A permission for this grantee already exists: ${same.name}. Update it with UpdatePermission.`,
    );
  }
  return { name: `${parent.name}/permissions/${lowerId(core)}`, granteeType, emailAddress, role };
}

/**
 * Transfers ownership of `parent` to `email`: the grantee's grant (a new USER grant if none) becomes
 * OWNER, any previous OWNER grant becomes WRITER, and so does the caller.
 */
export function transferOwnership(core: EmulatorCore, parent: PermissionParent, email: unknown): void {
  requireRole(parent, 'OWNER', 'transfer ownership of');
  const address = checkEmail(email, 'TransferOwnershipRequest.email_address');
  const set = parent.permissions;
  for (const g of set.grants.values()) if (g.role === 'OWNER') g.role = 'WRITER';
  const existing = grantOf(set, 'USER', address);
  if (existing) existing.role = 'OWNER';
  else {
    const name = `${parent.name}/permissions/${lowerId(core)}`;
    set.grants.set(name, { name, granteeType: 'USER', emailAddress: address, role: 'OWNER' });
  }
  set.callerRole = 'WRITER';
}

/** The parent resource of `tunedModels/x/permissions/y` (or of a `parent` path parameter). */
const parentOf = (name: string): string => name.split('/permissions/')[0] ?? name;

/**
 * Registers `{family}.permissions.*`. `lookup` finds the parent resource by name or throws the
 * family's 404. Reading grants needs READER; changing them needs WRITER (writers "can edit and share").
 */
export function installPermissions(
  core: EmulatorCore,
  family: 'tunedModels' | 'corpora',
  lookup: (name: string) => PermissionParent,
): void {
  const r = core.registry;
  const parentOfCall = (call: ApiCall): PermissionParent =>
    lookup(call.params['parent'] ?? parentOf(call.params['name'] ?? ''));

  r.register(`${family}.permissions.create`, (call) => {
    const parent = parentOfCall(call);
    requireRole(parent, 'WRITER', 'share');
    const grant = newGrant(core, parent, asObj(call.body));
    parent.permissions.grants.set(grant.name, grant);
    return json(view(grant));
  });

  r.register(`${family}.permissions.get`, (call) => {
    const parent = parentOfCall(call);
    requireRole(parent, 'READER', 'read the permissions of');
    return json(view(findGrant(parent, call.params['name'] ?? '')));
  });

  r.register(`${family}.permissions.list`, (call) => {
    const parent = parentOfCall(call);
    requireRole(parent, 'READER', 'read the permissions of');
    const options = { key: 'permissions', defaultSize: 10, maxSize: 1000, view };
    return json(listPage(call.query, [...parent.permissions.grants.values()], options));
  });

  r.register(`${family}.permissions.patch`, (call) => {
    const parent = parentOfCall(call);
    requireRole(parent, 'WRITER', 'share');
    const grant = findGrant(parent, call.params['name'] ?? '');
    const mask = call.query['updateMask'];
    // Documented "Required. … Accepted ones: role": no mask is a missing field, not "every field".
    if (typeof mask !== 'string' || mask.trim() === '')
      throw invalidArgument('* UpdatePermissionRequest.update_mask: update_mask is not specified\n');
    const paths = mask.split(',').map((p) => p.trim());
    const other = paths.filter((p) => p !== 'role');
    if (other.length > 0)
      throw invalidArgument(`Only role can be updated; the update mask names ${other.join(', ')}.`);
    if (grant.role === 'OWNER')
      throw invalidArgument(`${grant.name} is the owner's permission; ownership changes only by a transfer.`);
    const role = grantableRole(asObj(call.body)['role']);
    if (grant.granteeType === 'EVERYONE' && role !== 'READER')
      throw invalidArgument('Only the READER role can be granted to EVERYONE.');
    grant.role = role;
    return json(view(grant));
  });

  r.register(`${family}.permissions.delete`, (call) => {
    const parent = parentOfCall(call);
    requireRole(parent, 'WRITER', 'share');
    const grant = findGrant(parent, call.params['name'] ?? '');
    if (grant.role === 'OWNER')
      throw invalidArgument(`${grant.name} is the owner's permission and can not be deleted.`);
    parent.permissions.grants.delete(grant.name);
    return json({});
  });
}

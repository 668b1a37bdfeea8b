/** Route plumbing the `/v1` resources share: the path's object, retrieve, filtered lists, metadata updates. */
import { z } from "zod";
import type { Collection, Listed } from "../collection";
import { missing } from "../errors";
import type { JsonObject } from "../json";
import { inRange, listCollection } from "../list";
import { listParams, mergeMetadata, parseParams, zExpand, zMetadata, zRange, zStr } from "../params";
import type { ApiRequest, Router } from "../router";
import type { AccountData } from "../state";

/** A listed object that is also plain JSON, as every `/v1` resource is. */
type Stored = Listed & JsonObject;

export type PickCollection<T extends Stored> = (d: AccountData) => Collection<T>;

/** The object `:id` names in the calling account's collection, or Stripe's 404 (`No such <name>: '<id>'`). */
export function pathObject<T extends Stored>(
  req: ApiRequest,
  pick: PickCollection<T>,
  name: string,
  param = "id",
): T {
  const id = req.path.id ?? "";
  const found = pick(req.ctx.state.dataFor(req.ctx.accountId)).get(id);
  if (!found) throw missing(name, id, param);
  return found;
}

/** `GET <path>/:id`: only `expand` is accepted. */
export function retrieveRoute<T extends Stored>(
  r: Router,
  path: string,
  pick: PickCollection<T>,
  name: string,
  param = "id",
): void {
  r.on("GET", `${path}/:id`, (req) => {
    parseParams(z.strictObject({ expand: zExpand.optional() }), req.params);
    return pathObject(req, pick, name, param);
  });
}

/**
 * `GET <path>`: pagination, `created`, and exact-match filters on the named string fields; `accepted` params are
 * validated but do not filter (the sandbox has nothing they could select).
 */
export function listRoute<T extends Stored, K extends keyof T & string>(
  r: Router,
  path: string,
  pick: PickCollection<T>,
  filters: readonly K[],
  accepted: readonly string[] = [],
): void {
  const shape: Record<string, z.ZodOptional<typeof zStr>> = {};
  for (const k of [...filters, ...accepted]) shape[k] = zStr.optional();
  const schema = z.strictObject({ ...shape, ...listParams, created: zRange.optional() });
  r.on("GET", path, (req) => {
    const p = parseParams(schema, req.params);
    const wanted: Record<string, unknown> = p;
    return listCollection(
      pick(req.ctx.state.dataFor(req.ctx.accountId)),
      p,
      path,
      (x) =>
        filters.every((k) => wanted[k] === undefined || x[k] === wanted[k]) && inRange(x.created, p.created),
    );
  });
}

/** `POST <path>/:id` for objects whose only updatable field is `metadata`. */
export function metadataUpdateRoute<T extends Stored & { metadata: Record<string, string> }>(
  r: Router,
  path: string,
  pick: PickCollection<T>,
  name: string,
): void {
  r.on("POST", `${path}/:id`, (req) => {
    const o = pathObject(req, pick, name);
    const p = parseParams(
      z.strictObject({ metadata: zMetadata.optional(), expand: zExpand.optional() }),
      req.params,
    );
    o.metadata = mergeMetadata(o.metadata, p.metadata);
    req.ctx.state.dirty = true;
    return o;
  });
}

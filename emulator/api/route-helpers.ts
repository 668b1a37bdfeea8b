/** Route plumbing the `/v1` resources share: the path's object, retrieve, filtered lists, metadata updates. */
import type Stripe from "stripe";
import type { Collection, Listed } from "../collection";
import { missing } from "../errors";
import type { JsonObject } from "../json";
import { inRange, listCollection, type ListParams } from "../list";
import { paramsAs, type ApiRequest, type Router } from "../router";
import { echoInto } from "../schema/echo-params";
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

/** `GET <path>/:id` (its params, `expand`, are checked by the generated description). */
export function retrieveRoute<T extends Stored>(
  r: Router,
  path: string,
  pick: PickCollection<T>,
  name: string,
  param = "id",
): void {
  r.on("GET", `${path}/:id`, (req) => pathObject(req, pick, name, param));
}

/**
 * `GET <path>`: pagination, `created`, and exact-match filters on the named string fields; the operation's other
 * params are recognised but do not filter (the sandbox has nothing they could select).
 */
export function listRoute<T extends Stored, K extends keyof T & string>(
  r: Router,
  path: string,
  pick: PickCollection<T>,
  filters: readonly K[],
): void {
  r.on("GET", path, (req) => {
    const p = paramsAs<ListParams & { created?: Stripe.RangeQueryParam | number }>(req);
    const wanted: Record<string, unknown> = req.params;
    return listCollection(
      pick(req.ctx.state.dataFor(req.ctx.accountId)),
      p,
      path,
      (x) =>
        filters.every((k) => wanted[k] === undefined || x[k] === wanted[k]) && inRange(x.created, p.created),
    );
  });
}

/** `POST <path>/:id` for objects whose updatable fields have no behaviour (e.g. `metadata`): stored and echoed. */
export function echoUpdateRoute<T extends Stored>(
  r: Router,
  path: string,
  pick: PickCollection<T>,
  name: string,
  typeName: string,
): void {
  r.on("POST", `${path}/:id`, (req) => {
    const o = pathObject(req, pick, name);
    echoInto(typeName, o, req.params);
    req.ctx.state.dirty = true;
    return o;
  });
}

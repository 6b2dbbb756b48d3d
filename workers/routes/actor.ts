import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { type Actor, actorOf } from "../domain/activity/actor";
import { requestMeta } from "../request-meta";

/** The signed-in person of this request as the domain's actor. */
export function requestActor(c: Context<AppEnv>): Actor {
	return actorOf(c.var.tenant.id, c.var.me, requestMeta(c));
}

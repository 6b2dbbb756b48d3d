import { createRoute, z } from "@hono/zod-openapi";
import type { Audience } from "../../schema/tables/auth";
import { ACCESS_HEADERS } from "../contracts/access";
import { errorResponses } from "../contracts/openapi";
import { upgradeResponses } from "../contracts/tracking";
import { accessTag } from "../domain/sign-in/access-ended";
import { tenantGate } from "../live/channels";
import { requireWebSocketUpgrade } from "./origin-check";
import { createRouter } from "./router";

/**
 * `GET /access/live` of every app: a light WebSocket to the tenant's gate, tagged by person,
 * on which an open page hears at once that its person's access ended (blocked, removed,
 * signed out everywhere). The session is checked by the audience router before the upgrade.
 */
export function accessLiveRoutes(audience: Audience) {
	return createRouter().openapi(
		createRoute({
			method: "get",
			path: "/access/live",
			tags: ["sign-in"],
			summary: "WebSocket: told at once when your access ends",
			description:
				'Greets with `{ type: "hello" }`; answers the text `ping` with `pong`; sends `{ type: "access_ended", reason }` (`access_removed`, `blocked`, `signed_out`) and closes with 4003 when the person\'s access ends.',
			request: { params: z.object({ slug: z.string().min(1).max(64) }) },
			responses: { ...upgradeResponses, ...errorResponses(400, 401, 403) },
		}),
		(c) => {
			requireWebSocketUpgrade(c);
			const headers = new Headers({
				Upgrade: "websocket",
				[ACCESS_HEADERS.person]: accessTag(audience, c.var.me.id),
				[ACCESS_HEADERS.sessionHash]: c.var.session.idHash,
			});
			return tenantGate(c.env, c.var.tenant.id).fetch(
				new Request("https://tenant-gate/access", { headers }),
			) as unknown as never;
		},
	);
}

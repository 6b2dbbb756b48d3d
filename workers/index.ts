import { z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { webhookEventTypes } from "../schema/tables/integrations";
import type { AppEnv } from "./app-env";
import { renderApiDocs } from "./contracts/api-docs";
import { WebhookPayloadSchema } from "./contracts/integrations";
import { runScheduled } from "./cron";
import { dispatchRecorded, type WebhookMessage } from "./domain/webhooks/deliver";
import { DEV_INBOX_PATH } from "./domain/webhooks/dev-inbox";
import { recordedEvents } from "./domain/webhooks/events";
import { errorEnvelope, respondToError } from "./errors";
import { refuseCrossSite } from "./middleware/cross-site";
import { database } from "./middleware/database";
import { securityHeaders } from "./middleware/security-headers";
import { services } from "./middleware/services";
import { answerAgain, SignInChanged } from "./middleware/signed-in-read";
import { consumeImportQueue } from "./queues/import-queue";
import {
	consumeNotificationDeadLetters,
	consumeNotificationQueue,
	NOTIFY_DLQ_NAME,
	NOTIFY_QUEUE_NAME,
} from "./queues/notification-queue";
import { consumeWebhookQueue } from "./queues/webhook-queue";
import { customerRoutes } from "./routes/customer";
import { devRoutes } from "./routes/dev";
import { publicRoutes } from "./routes/public";
import { hashedAssetRoutes } from "./routes/public/assets";
import { webAppManifestRoutes } from "./routes/public/web-app-manifest";
import { createRouter } from "./routes/router";
import { staffRoutes } from "./routes/staff";
import { technicianRoutes } from "./routes/technician";
import { API_KEY_SCHEME, apiV1Routes } from "./routes/v1";
import { stampShard } from "./shards";

/** The whole API and its pages; exported alone for tests that walk its route table. */
export const app = createRouter();

/**
 * After a request whose batches recorded webhook events (see `webhookEventStatements`), their
 * deliveries go to the queue; if this is lost, the cron's sweep finds them.
 */
const dispatchWebhooks = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	if (!recordedEvents(c.var.db)) return;
	const queue = stampShard(c.env.WEBHOOK_QUEUE as Queue<WebhookMessage>, c.var.shard);
	const dispatch = dispatchRecorded(c.var.db, queue, Date.now()).catch((err) =>
		console.error("webhook dispatch failed; the sweep will send", { message: String(err) }),
	);
	try {
		c.executionCtx.waitUntil(dispatch);
	} catch {
		await dispatch;
	}
});

app.use("*", securityHeaders);
app.use("/api/*", refuseCrossSite, database, services, dispatchWebhooks);
app.use("/dev/*", database, dispatchWebhooks, async (c, next) => {
	c.set("loopback", async (request) => app.fetch(request, c.env, c.executionCtx));
	await next();
});

app.route("/api/c/:slug", customerRoutes);
app.route("/api/d/:slug", staffRoutes);
app.route("/api/t/:slug", technicianRoutes);
app.route("/api/v1/:slug", apiV1Routes);
app.route("/api", publicRoutes);
app.route("/dev", devRoutes);
app.route("/assets", hashedAssetRoutes);
app.route("/", webAppManifestRoutes);

app.openAPIRegistry.registerComponent("securitySchemes", API_KEY_SCHEME, {
	type: "http",
	scheme: "bearer",
	bearerFormat: "fp_live_…",
	description:
		"An API key an admin creates in the console (Settings → API), sent as `Authorization: Bearer fp_live_…` to `/api/v1/{slug}/…`. Each operation names the scope it needs; a key without it is 403, a revoked or unknown key 401. Each key may make the tenant's `apiRequestsPerMinute` (120 unless set) requests a minute: every answer carries `RateLimit` and `RateLimit-Policy`, a 429 `Retry-After`.",
});
app.openAPIRegistry.register("WebhookPayload", WebhookPayloadSchema);

const WEBHOOK_DESCRIPTIONS: Record<(typeof webhookEventTypes)[number], string> = {
	"job.created":
		"A job was created (portal booking, dispatcher, API, converted estimate); `data` is the job.",
	"job.assigned": "A technician was assigned to a job; `data` is the job, with `previousTechnicianId`.",
	"job.status_changed":
		"A job's status changed (assigned, en route, on site, paused, completed, cancelled); `data` is the job, with `previousStatus`.",
	"booking.created": "A customer booked a job in the portal; `data` is the job.",
	"estimate.approved":
		"A customer approved an estimate; `data` has its id, number, version, signer and total.",
	"estimate.changes_requested":
		"A customer asked for changes to an estimate; `data` has its id, number, version and the comment.",
	"invoice.paid":
		"A payment was recorded on an invoice; `data` has the amount, the balance left and `paidInFull`.",
	"survey.submitted":
		"A customer answered the satisfaction survey of a job; `data` has the score and comment.",
	"customer.blocked": "A customer contact was blocked from the portal; `data` has the contact.",
};

const openApiConfig = {
	openapi: "3.1.0",
	info: {
		title: "fleet-portal API",
		version: "1.0.0",
		description:
			"Customer portal for small dispatch fleets. Other systems use `/api/v1/{slug}` with an API key; the console, portal and technician app use the session routes.",
		license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
	},
	servers: [{ url: "/", description: "This portal's origin" }],
};

for (const type of webhookEventTypes) {
	app.openAPIRegistry.registerWebhook({
		method: "post",
		path: type,
		operationId: `webhook_${type.replace(".", "_")}`,
		summary: type,
		description: WEBHOOK_DESCRIPTIONS[type],
		tags: ["Webhooks"],
		security: [],
		request: {
			headers: z.object({
				"webhook-id": z.string().openapi({ description: "The event's id; the same on every retry." }),
				"webhook-timestamp": z.string().openapi({ description: "Unix seconds of this attempt." }),
				"webhook-signature": z
					.string()
					.openapi({ description: "`v1,<base64>`; two, space-separated, while a rotated secret overlaps." }),
			}),
			body: { required: true, content: { "application/json": { schema: WebhookPayloadSchema } } },
		},
		responses: { 200: { description: "Any 2xx answer within 10 seconds acknowledges the event." } },
	});
}

app.doc31("/api/openapi.json", openApiConfig);

/** The reference of the same document, as a page (no scripts, no CDN). */
app.get("/api/docs", (c) => {
	c.header(
		"Content-Security-Policy",
		"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
	);
	return c.html(renderApiDocs(app.getOpenAPI31Document(openApiConfig) as never));
});

app.notFound((c) => c.json(errorEnvelope("not_found", "There is nothing at this address."), 404));
app.onError((err, c) =>
	err instanceof SignInChanged
		? answerAgain((request) => app.fetch(request, c.env, c.executionCtx), err)
		: respondToError(err, c),
);

/** In development, deliveries to the local inbox are answered by this app in process. */
const deliveryFetch = (env: Env, ctx: ExecutionContext) => (request: Request) =>
	env.ENVIRONMENT === "development" && new URL(request.url).pathname === DEV_INBOX_PATH
		? Promise.resolve(app.fetch(request, env, ctx))
		: fetch(request);

export default {
	fetch: app.fetch,
	queue: (batch, env, ctx) => {
		switch (batch.queue) {
			case NOTIFY_QUEUE_NAME:
				return consumeNotificationQueue(batch as Parameters<typeof consumeNotificationQueue>[0], env);
			case NOTIFY_DLQ_NAME:
				return consumeNotificationDeadLetters(
					batch as Parameters<typeof consumeNotificationDeadLetters>[0],
					env,
				);
			case "fleet-portal-webhooks":
				return consumeWebhookQueue(batch as MessageBatch<WebhookMessage>, env, deliveryFetch(env, ctx));
			default:
				return consumeImportQueue(batch as Parameters<typeof consumeImportQueue>[0], env);
		}
	},
	scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduled(env, controller.scheduledTime)),
} satisfies ExportedHandler<Env>;
export { JobRelay } from "./durable-objects/job-relay";
export { TenantGate } from "./durable-objects/tenant-gate";

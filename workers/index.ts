import { renderApiDocs } from "./contracts/api-docs";
import { runScheduled } from "./cron";
import { billedEnv, countBillable, isMetered } from "./dev/billable-usage";
import type { WebhookMessage } from "./domain/webhooks/deliver";
import { DEV_INBOX_PATH } from "./domain/webhooks/dev-inbox";
import { errorEnvelope, respondToError } from "./errors";
import { refuseCrossSite } from "./middleware/cross-site";
import { database } from "./middleware/database";
import { securityHeaders } from "./middleware/security-headers";
import { services } from "./middleware/services";
import { answerAgain, SignInChanged } from "./middleware/signed-in-read";
import { dispatchWebhooks } from "./middleware/webhook-dispatch";
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
import { openApiDocument, registerOpenApi } from "./routes/openapi-document";
import { publicRoutes } from "./routes/public";
import { hashedAssetRoutes } from "./routes/public/assets";
import { webAppManifestRoutes } from "./routes/public/web-app-manifest";
import { createRouter } from "./routes/router";
import { staffRoutes } from "./routes/staff";
import { technicianRoutes } from "./routes/technician";
import { apiV1Routes } from "./routes/v1";

/** The whole API and its pages; exported alone for tests that walk its route table. */
export const app = createRouter();

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

registerOpenApi(app);
app.get("/api/openapi.json", (c) => c.json(openApiDocument(app)));

/** The reference of the same document, as a page (no scripts, no CDN). */
app.get("/api/docs", (c) => {
	c.header(
		"Content-Security-Policy",
		"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
	);
	return c.html(renderApiDocs(openApiDocument(app) as never));
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

/** Counts the invocation on a metered development server (the benchmark's bill), and meters its bindings. */
function invoked(env: Env): Env {
	if (!isMetered(env)) return env;
	countBillable("workerInvocations");
	return billedEnv(env);
}

export default {
	fetch: (request: Request, env: Env, ctx: ExecutionContext) => app.fetch(request, invoked(env), ctx),
	queue: (batch, rawEnv, ctx) => {
		const env = invoked(rawEnv);
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
	scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduled(invoked(env), controller.scheduledTime)),
} satisfies ExportedHandler<Env>;
export { JobRelay } from "./durable-objects/job-relay";
export { TenantGate } from "./durable-objects/tenant-gate";

import { runScheduled } from "./cron";
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
import { customerRoutes } from "./routes/customer";
import { devRoutes } from "./routes/dev";
import { publicRoutes } from "./routes/public";
import { hashedAssetRoutes } from "./routes/public/assets";
import { webAppManifestRoutes } from "./routes/public/web-app-manifest";
import { createRouter } from "./routes/router";
import { staffRoutes } from "./routes/staff";
import { technicianRoutes } from "./routes/technician";

/** The whole API and its pages; exported alone for tests that walk its route table. */
export const app = createRouter();

app.use("*", securityHeaders);
app.use("/api/*", refuseCrossSite, database, services);
app.use("/dev/*", database, async (c, next) => {
	c.set("loopback", async (request) => app.fetch(request, c.env, c.executionCtx));
	await next();
});

app.route("/api/c/:slug", customerRoutes);
app.route("/api/d/:slug", staffRoutes);
app.route("/api/t/:slug", technicianRoutes);
app.route("/api", publicRoutes);
app.route("/dev", devRoutes);
app.route("/assets", hashedAssetRoutes);
app.route("/", webAppManifestRoutes);

app.doc31("/api/openapi.json", {
	openapi: "3.1.0",
	info: {
		title: "fleet-portal API",
		version: "1.0.0",
		description: "Customer portal for small dispatch fleets.",
	},
});

app.notFound((c) => c.json(errorEnvelope("not_found", "There is nothing at this address."), 404));
app.onError((err, c) =>
	err instanceof SignInChanged
		? answerAgain((request) => app.fetch(request, c.env, c.executionCtx), err)
		: respondToError(err, c),
);

export default {
	fetch: app.fetch,
	queue: (batch, env) => {
		switch (batch.queue) {
			case NOTIFY_QUEUE_NAME:
				return consumeNotificationQueue(batch, env);
			case NOTIFY_DLQ_NAME:
				return consumeNotificationDeadLetters(batch, env);
			default:
				return consumeImportQueue(batch, env);
		}
	},
	scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduled(env, controller.scheduledTime)),
} satisfies ExportedHandler<Env>;
export { JobRelay } from "./durable-objects/job-relay";
export { TenantGate } from "./durable-objects/tenant-gate";

import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { configuredOrigin } from "../app-origin";
import { noticeLog } from "../domain/notifications/record";
import { createEmailSender } from "../email/sender";
import { liveChannels } from "../live/channels";
import { enqueueNotifications } from "../queues/notification-queue";

/**
 * Puts the email sender, the live channels and the request's notice log on `c.var`; needs
 * `database` mounted before it. Notifications the request's batches recorded go on the queue
 * after the answer (`waitUntil`); should that fail, the sweep enqueues them within a minute.
 */
export const services = createMiddleware<AppEnv>(async (c, next) => {
	bindServices(c);
	const notices = noticeLog(quietLinkOrigin(c.env, c.req.url));
	c.set("notices", notices);
	await next();
	if (notices.ids.length) {
		c.executionCtx.waitUntil(
			enqueueNotifications(c.env, c.var.db, notices.ids).catch((err: unknown) =>
				console.error("notifications not enqueued; the sweep will", {
					count: notices.ids.length,
					err: String(err),
				}),
			),
		);
	}
});

/** The email sender and the live channels over `c.var.db` (again, when a route moves shard). */
export function bindServices(c: Context<AppEnv>): void {
	c.set("sendEmail", createEmailSender(c.env, c.var.db));
	c.set("live", liveChannels(c.env, c.var.db));
}

/** `linkOrigin` without its log line: most requests send no email, and the consumer refuses a missing origin. */
function quietLinkOrigin(env: AppEnv["Bindings"], url: string): string | null {
	return configuredOrigin(env) ?? (env.ENVIRONMENT === "development" ? new URL(url).origin : null);
}

import { desc, like, sql } from "drizzle-orm";
import { devWebhookInbox, webhookEndpoints } from "../../../schema/tables/integrations";
import type { Db } from "../../db";
import { newId } from "../ids";
import { verifies } from "./signing";

/** Where the development inbox receives; demo tenants' endpoint points here. */
export const DEV_INBOX_PATH = "/dev/webhooks/inbox";

export type InboxDelivery = {
	url: string;
	headers: Record<string, string>;
	body: string;
	verified: boolean;
	receivedAt: string;
};

const KEPT_HEADERS = ["content-type", "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature"];

/**
 * Keeps what was sent to the inbox, and whether it verified (Standard Webhooks, with the
 * `standardwebhooks` package) against the secret of an endpoint pointing at the inbox.
 */
export async function receiveAtInbox(db: Db, request: Request, now: number): Promise<InboxDelivery> {
	const body = await request.text();
	const headers: Record<string, string> = {};
	for (const name of KEPT_HEADERS) {
		const value = request.headers.get(name);
		if (value !== null) headers[name] = value;
	}
	const endpoints = await db
		.select({ secret: webhookEndpoints.secret, previous: webhookEndpoints.previousSecret })
		.from(webhookEndpoints)
		.where(like(webhookEndpoints.url, `%${DEV_INBOX_PATH}%`));
	const verified = endpoints.some(
		(e) => verifies(e.secret, body, headers) || (e.previous !== null && verifies(e.previous, body, headers)),
	);
	await db
		.insert(devWebhookInbox)
		.values({ id: newId("inb"), url: request.url, headers, body, verified, receivedAt: now });
	return { url: request.url, headers, body, verified, receivedAt: new Date(now).toISOString() };
}

/** The 200 newest deliveries the inbox received, newest first. */
export async function newestInboxDeliveries(db: Db): Promise<InboxDelivery[]> {
	const rows = await db
		.select()
		.from(devWebhookInbox)
		.orderBy(desc(devWebhookInbox.receivedAt), desc(sql`rowid`))
		.limit(200);
	return rows.map((r) => ({
		url: r.url,
		headers: r.headers,
		body: r.body,
		verified: r.verified,
		receivedAt: new Date(r.receivedAt).toISOString(),
	}));
}

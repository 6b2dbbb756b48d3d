import { and, desc, eq, isNotNull, isNull, or } from "drizzle-orm";
import {
	type WebhookEventType,
	webhookDeliveries,
	webhookEndpoints,
	webhookEvents,
} from "../../../schema/tables/integrations";
import type { Db } from "../../db";
import { fieldInvalid, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { newId } from "../ids";
import { resendStatement } from "./deliver";
import { markRecorded, newDeliveryId } from "./events";
import { ROTATION_OVERLAP_MS } from "./schedule";
import { newWebhookSecret } from "./signing";

export type WebhookEndpointView = {
	id: string;
	url: string;
	events: WebhookEventType[];
	createdAt: string;
	disabledAt: string | null;
	failingSince: string | null;
	/** Until when the previous secret still signs beside the current one, after a rotation. */
	previousSecretExpiresAt: string | null;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function viewOf(row: typeof webhookEndpoints.$inferSelect, now: number): WebhookEndpointView {
	return {
		id: row.id,
		url: row.url,
		events: row.events,
		createdAt: new Date(row.createdAt).toISOString(),
		disabledAt: iso(row.disabledAt),
		failingSince: iso(row.failingSince),
		previousSecretExpiresAt:
			row.previousSecretExpiresAt && row.previousSecretExpiresAt > now
				? iso(row.previousSecretExpiresAt)
				: null,
	};
}

/** Where webhooks may be sent: https anywhere; http only in development (the local inbox). */
export function checkEndpointUrl(raw: string, development: boolean): string {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw fieldInvalid(["url"], "Enter the full address, starting with https://.");
	}
	if (url.protocol !== "https:" && !(development && url.protocol === "http:")) {
		throw fieldInvalid(["url"], "Webhooks are sent to https:// addresses only.");
	}
	if (url.username || url.password)
		throw fieldInvalid(["url"], "Leave the user name and password out of the address.");
	return url.toString();
}

/** A new endpoint: the secret is answered once here and kept to sign with. */
export async function createWebhookEndpoint(
	db: Db,
	actor: Actor,
	input: { url: string; events: WebhookEventType[] },
	now: number,
): Promise<{ id: string; secret: string }> {
	const id = newId("whe");
	const secret = newWebhookSecret();
	await db.batch([
		db.insert(webhookEndpoints).values({
			id,
			tenantId: actor.tenantId,
			url: input.url,
			events: [...new Set(input.events)],
			secret,
			createdAt: now,
		}),
		auditBy(
			db,
			actor,
			{
				action: "webhook_endpoint.created",
				targetType: "webhook_endpoint",
				targetId: id,
				data: { url: input.url, events: input.events },
			},
			now,
		),
	]);
	return { id, secret };
}

/** The tenant's endpoints, newest first. */
export async function listWebhookEndpoints(db: Db, tenantId: string, now: number) {
	const rows = await db
		.select()
		.from(webhookEndpoints)
		.where(and(eq(webhookEndpoints.tenantId, tenantId), isNull(webhookEndpoints.deletedAt)))
		.orderBy(desc(webhookEndpoints.createdAt));
	return rows.map((r) => viewOf(r, now));
}

async function tenantEndpoint(db: Db, tenantId: string, id: string) {
	const row = await db
		.select()
		.from(webhookEndpoints)
		.where(
			and(
				eq(webhookEndpoints.tenantId, tenantId),
				eq(webhookEndpoints.id, id),
				isNull(webhookEndpoints.deletedAt),
			),
		)
		.get();
	if (!row) throw notFound("That webhook endpoint");
	return row;
}

/** Stops sending to an endpoint; its pending deliveries fail when their turn comes. */
export async function deleteWebhookEndpoint(db: Db, actor: Actor, id: string, now: number) {
	await tenantEndpoint(db, actor.tenantId, id);
	await db.batch([
		db.update(webhookEndpoints).set({ deletedAt: now }).where(eq(webhookEndpoints.id, id)),
		auditBy(
			db,
			actor,
			{ action: "webhook_endpoint.deleted", targetType: "webhook_endpoint", targetId: id },
			now,
		),
	]);
}

/** Turns a disabled endpoint back on, with a clean slate of failures. */
export async function enableWebhookEndpoint(db: Db, actor: Actor, id: string, now: number) {
	await tenantEndpoint(db, actor.tenantId, id);
	await db.batch([
		db
			.update(webhookEndpoints)
			.set({ disabledAt: null, failingSince: null })
			.where(eq(webhookEndpoints.id, id)),
		auditBy(
			db,
			actor,
			{ action: "webhook_endpoint.enabled", targetType: "webhook_endpoint", targetId: id },
			now,
		),
	]);
}

/**
 * A new secret for the endpoint; the old one keeps signing beside it (two signatures in
 * `webhook-signature`) for `ROTATION_OVERLAP_MS`, so the receiver can switch without a gap.
 */
export async function rotateWebhookSecret(db: Db, actor: Actor, id: string, now: number) {
	const row = await tenantEndpoint(db, actor.tenantId, id);
	const secret = newWebhookSecret();
	const previousSecretExpiresAt = now + ROTATION_OVERLAP_MS;
	await db.batch([
		db
			.update(webhookEndpoints)
			.set({ secret, previousSecret: row.secret, previousSecretExpiresAt })
			.where(eq(webhookEndpoints.id, id)),
		auditBy(
			db,
			actor,
			{ action: "webhook_endpoint.secret_rotated", targetType: "webhook_endpoint", targetId: id },
			now,
		),
	]);
	return { id, secret, previousSecretExpiresAt: new Date(previousSecretExpiresAt).toISOString() };
}

export type WebhookDeliveryView = {
	id: string;
	eventId: string;
	eventType: WebhookEventType;
	state: (typeof webhookDeliveries.$inferSelect)["state"];
	attempts: number;
	responseCode: number | null;
	error: string | null;
	createdAt: string;
	lastAttemptAt: string | null;
	nextAttemptAt: string | null;
};

/** An endpoint's 50 most recent deliveries, newest first. */
export async function listDeliveries(db: Db, tenantId: string, endpointId: string) {
	await tenantEndpoint(db, tenantId, endpointId);
	const rows = await db
		// A delivery carries its event's type; one from before it did, its event's row (looked up
		// for those only).
		.select({ d: webhookDeliveries, earlierType: webhookEvents.type })
		.from(webhookDeliveries)
		.leftJoin(
			webhookEvents,
			and(
				isNull(webhookDeliveries.type),
				eq(webhookEvents.tenantId, webhookDeliveries.tenantId),
				eq(webhookEvents.id, webhookDeliveries.eventId),
			),
		)
		.where(
			and(
				eq(webhookDeliveries.tenantId, tenantId),
				eq(webhookDeliveries.endpointId, endpointId),
				or(isNotNull(webhookDeliveries.type), isNotNull(webhookEvents.type)),
			),
		)
		.orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
		.limit(50);
	return rows.map(
		({ d, earlierType }): WebhookDeliveryView => ({
			id: d.id,
			eventId: d.eventId,
			eventType: (d.type ?? earlierType) as WebhookEventType,
			state: d.state,
			attempts: d.attempts,
			responseCode: d.lastStatusCode,
			error: d.lastError,
			createdAt: new Date(d.createdAt).toISOString(),
			lastAttemptAt: iso(d.lastAttemptAt),
			nextAttemptAt: d.state === "retrying" ? iso(d.nextAttemptAt) : null,
		}),
	);
}

/** Sends a delivery's event again, as a new delivery (same `webhook-id`, so receivers can tell). */
export async function resendDelivery(
	db: Db,
	actor: Actor,
	endpointId: string,
	deliveryId: string,
	now: number,
) {
	await tenantEndpoint(db, actor.tenantId, endpointId);
	const found = await db
		.select()
		.from(webhookDeliveries)
		.where(
			and(
				eq(webhookDeliveries.tenantId, actor.tenantId),
				eq(webhookDeliveries.endpointId, endpointId),
				eq(webhookDeliveries.id, deliveryId),
			),
		)
		.get();
	if (!found) throw notFound("That delivery");
	const id = newDeliveryId(found.eventId);
	markRecorded(db, found.eventId);
	await db.batch([
		resendStatement(db, actor.tenantId, endpointId, found, id, now),
		auditBy(
			db,
			actor,
			{
				action: "webhook_delivery.resent",
				targetType: "webhook_delivery",
				targetId: id,
				data: { from: deliveryId },
			},
			now,
		),
	]);
	return { id };
}

import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant, tenantId } from "../columns";
import { type WebhookEventType, webhookEventTypes } from "../webhook-values";

/** What an API key may do; each `/api/v1` operation names the one it needs. */
export const apiScopes = [
	"jobs:read",
	"jobs:write",
	"customers:read",
	"estimates:read",
	"invoices:read",
	"webhooks:manage",
] as const;
export type ApiScope = (typeof apiScopes)[number];

/**
 * A tenant's API key. Only its SHA-256 hash is kept (the key is shown once, at creation);
 * `prefix` is its first characters, so people can tell their keys apart.
 */
export const apiKeys = sqliteTable(
	"api_keys",
	{
		id: id(),
		tenantId: tenantId(),
		name: text("name").notNull(),
		keyHash: text("key_hash").notNull(),
		prefix: text("prefix").notNull(),
		scopes: text("scopes", { mode: "json" }).$type<ApiScope[]>().notNull(),
		createdBy: text("created_by").notNull(),
		createdAt: createdAt(),
		lastUsedAt: instant("last_used_at"),
		revokedAt: instant("revoked_at"),
	},
	(t) => [
		uniqueIndex("api_keys_hash_idx").on(t.keyHash),
		index("api_keys_tenant_created_idx").on(t.tenantId, t.createdAt),
	],
);

export { type WebhookEventType, webhookEventTypes } from "../webhook-values";

/**
 * Where a tenant wants its events sent. The secret (`whsec_…`) signs them; after a rotation the
 * previous one keeps signing beside it until `previousSecretExpiresAt`. `failingSince` is the
 * first failure of the current run of failures; after days of them the endpoint is disabled.
 */
export const webhookEndpoints = sqliteTable(
	"webhook_endpoints",
	{
		id: id(),
		tenantId: tenantId(),
		url: text("url").notNull(),
		events: text("events", { mode: "json" }).$type<WebhookEventType[]>().notNull(),
		secret: text("secret").notNull(),
		previousSecret: text("previous_secret"),
		previousSecretExpiresAt: instant("previous_secret_expires_at"),
		createdAt: createdAt(),
		failingSince: instant("failing_since"),
		disabledAt: instant("disabled_at"),
		deletedAt: instant("deleted_at"),
	},
	(t) => [index("webhook_endpoints_tenant_idx").on(t.tenantId, t.createdAt)],
);

/**
 * Events recorded before 2026-12-07, when each was a row of its own; read only as the event of
 * those days' deliveries (a delivery now carries its event: `webhook_deliveries.payload`).
 */
export const webhookEvents = sqliteTable(
	"webhook_events",
	{
		id: text("id").notNull(),
		tenantId: tenantId(),
		type: text("type", { enum: webhookEventTypes }).notNull(),
		/** The Standard Webhooks payload as sent: `{ type, timestamp, data }`. */
		payload: text("payload").notNull(),
		createdAt: createdAt(),
	},
	// Keyed by tenant, then id: the key leads with the tenant like every table's index, and no
	// other index is needed (an event is read by its id, with its tenant, and by nothing else).
	(t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const webhookDeliveryStates = ["pending", "retrying", "delivered", "failed"] as const;
export type WebhookDeliveryState = (typeof webhookDeliveryStates)[number];

/** The deliveries still on their way, as the claims' partial index and queries both spell it. */
export const OPEN_DELIVERY = "state IN ('pending', 'retrying')";

/** One event on its way to one endpoint, with the outcome of its latest attempt. */
export const webhookDeliveries = sqliteTable(
	"webhook_deliveries",
	{
		id: id(),
		tenantId: tenantId(),
		endpointId: text("endpoint_id").notNull(),
		eventId: text("event_id").notNull(),
		state: text("state", { enum: webhookDeliveryStates }).notNull().default("pending"),
		attempts: integer("attempts").notNull().default(0),
		nextAttemptAt: instant("next_attempt_at").notNull(),
		/** When it was last handed to the queue; the sweep re-enqueues what the queue lost. */
		enqueuedAt: instant("enqueued_at"),
		lastAttemptAt: instant("last_attempt_at"),
		lastStatusCode: integer("last_status_code"),
		lastError: text("last_error"),
		deliveredAt: instant("delivered_at"),
		createdAt: createdAt(),
		/**
		 * The event as sent (`type`, and the Standard Webhooks payload `{ type, timestamp, data }`),
		 * carried by each delivery: an event is written as its deliveries alone, one row each where
		 * an event row beside them was one more. Null on deliveries from before 2026-12-07, whose
		 * event is in `webhook_events`.
		 */
		type: text("type", { enum: webhookEventTypes }),
		payload: text("payload"),
	},
	(t) => [
		index("webhook_deliveries_endpoint_created_idx").on(t.tenantId, t.endpointId, t.createdAt),
		// Only deliveries still on their way: a delivered or failed one leaves it without a write.
		// The claims' queries repeat its WHERE term word for word (OPEN_DELIVERY), or SQLite can't use it.
		index("webhook_deliveries_open_next_idx").on(t.nextAttemptAt).where(sql.raw(OPEN_DELIVERY)),
	],
);

/** Development only: what the local inbox at /dev/webhooks received, and whether it verified. */
export const devWebhookInbox = sqliteTable("dev_webhook_inbox", {
	id: id(),
	url: text("url").notNull(),
	headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull(),
	body: text("body").notNull(),
	verified: integer("verified", { mode: "boolean" }).notNull(),
	receivedAt: instant("received_at").notNull(),
});

import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, instant, tenantId } from "../columns";

/**
 * Completed idempotent requests, so a replay returns the original answer even after
 * the tenant's Durable Object lost its copy. Keys are scoped per tenant and caller.
 */
export const idempotencyRecords = sqliteTable(
	"idempotency_records",
	{
		tenantId: tenantId(),
		scope: text("scope").notNull(),
		key: text("key").notNull(),
		fingerprint: text("fingerprint").notNull(),
		responseStatus: integer("response_status").notNull(),
		responseBody: text("response_body").notNull(),
		resourceId: text("resource_id"),
		createdAt: createdAt(),
		expiresAt: instant("expires_at").notNull(),
	},
	(t) => [primaryKey({ columns: [t.tenantId, t.scope, t.key] })],
);

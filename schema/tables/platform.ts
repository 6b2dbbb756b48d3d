import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, instant } from "../columns";

/**
 * A self-serve sign-up: the tenant it created and the owner's sign-up link. Consuming that link
 * (the sign-in token it names) is what confirms the tenant and ends its trial.
 */
export const tenantSignUps = sqliteTable(
	"tenant_sign_ups",
	{
		tenantId: text("tenant_id").primaryKey(),
		emailNormalized: text("email_normalized").notNull(),
		emailDomain: text("email_domain").notNull(),
		/** The sign-in token of the newest sign-up link; a sign-up link is a staff sign-in link. */
		signInTokenId: text("sign_in_token_id").notNull(),
		ip: text("ip"),
		createdAt: createdAt(),
		confirmedAt: instant("confirmed_at"),
	},
	(t) => [index("tenant_sign_ups_token_idx").on(t.signInTokenId)],
);

/** What a tenant used per UTC day (`2026-12-02`): the figures its bill is made of. */
export const tenantUsageDays = sqliteTable(
	"tenant_usage_days",
	{
		tenantId: text("tenant_id").notNull(),
		day: text("day").notNull(),
		requests: integer("requests").notNull().default(0),
		emails: integer("emails").notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.tenantId, t.day] })],
);

import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant, tenantId } from "../columns";

export const audiences = ["customer", "staff", "technician"] as const;
export type Audience = (typeof audiences)[number];

/** A magic-link sign-in: the link token and the 6-digit code, stored only as SHA-256. */
export const signInTokens = sqliteTable(
	"sign_in_tokens",
	{
		id: id(),
		tenantId: tenantId(),
		audience: text("audience", { enum: audiences }).notNull(),
		emailNormalized: text("email_normalized").notNull(),
		subjectId: text("subject_id"),
		tokenHash: text("token_hash").notNull(),
		codeHash: text("code_hash").notNull(),
		failedCodeAttempts: integer("failed_code_attempts").notNull().default(0),
		expiresAt: instant("expires_at").notNull(),
		consumedAt: instant("consumed_at"),
		voidedAt: instant("voided_at"),
		ip: text("ip"),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex("sign_in_tokens_token_uq").on(t.tokenHash),
		index("sign_in_tokens_tenant_email_idx").on(t.tenantId, t.audience, t.emailNormalized, t.createdAt),
	],
);

/** A signed-in session; the id in the cookie is stored only as SHA-256. */
export const sessions = sqliteTable(
	"sessions",
	{
		idHash: text("id_hash").primaryKey(),
		tenantId: tenantId(),
		audience: text("audience", { enum: audiences }).notNull(),
		subjectId: text("subject_id").notNull(),
		createdAt: createdAt(),
		lastSeenAt: instant("last_seen_at").notNull(),
		/** Absolute expiry; the idle timeout is measured from lastSeenAt. */
		expiresAt: instant("expires_at").notNull(),
		ip: text("ip"),
		userAgent: text("user_agent"),
	},
	(t) => [index("sessions_tenant_subject_idx").on(t.tenantId, t.audience, t.subjectId)],
);

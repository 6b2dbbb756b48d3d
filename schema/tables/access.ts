import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accessEndReasons } from "../access-values";
import { createdAt, tenantId } from "../columns";
import { audiences } from "./auth";

export { type AccessEndReason, accessEndReasons } from "../access-values";

/**
 * Sessions ended by someone else's decision (a block, a removal, "sign out everywhere"), kept by
 * the hash of their id, so the next request of such a browser is told why (401 with the reason)
 * rather than only asked to sign in.
 */
export const endedSessions = sqliteTable(
	"ended_sessions",
	{
		idHash: text("id_hash").primaryKey(),
		tenantId: tenantId(),
		audience: text("audience", { enum: audiences }).notNull(),
		subjectId: text("subject_id").notNull(),
		reason: text("reason", { enum: accessEndReasons }).notNull(),
		createdAt: createdAt(),
	},
	(t) => [index("ended_sessions_tenant_created_idx").on(t.tenantId, t.createdAt)],
);

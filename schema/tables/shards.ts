import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "../columns";

/**
 * Which D1 database (shard `DB_<n>`) each tenant's rows live on. Read and written on shard 0
 * only (every shard has the table, as every shard has every table, but only shard 0's is used).
 * This is where slugs are unique across shards: a sign-up claims its slug here first. A tenant
 * with no row lives on shard 0 (every tenant of a one-shard deploy, which never reads this table).
 */
export const shardDirectory = sqliteTable(
	"shard_directory",
	{
		slug: text("slug").primaryKey(),
		tenantId: text("tenant_id").notNull(),
		shard: integer("shard").notNull(),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex("shard_directory_tenant_idx").on(t.tenantId),
		index("shard_directory_shard_idx").on(t.shard),
	],
);

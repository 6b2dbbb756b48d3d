import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "../schema";
import type { Tenant } from "./domain/tenant";

export type Db = DrizzleD1Database<typeof schema>;

export type AppEnv = {
	Bindings: Env;
	Variables: {
		db: Db;
		tenant: Tenant;
	};
};

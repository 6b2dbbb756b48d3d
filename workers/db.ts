import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "../schema";

/** The drizzle client over a tenant's D1 database, as every domain function receives it. */
export type Db = DrizzleD1Database<typeof schema>;

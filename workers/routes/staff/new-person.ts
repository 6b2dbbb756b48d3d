import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { emailTaken } from "../../contracts/staff";
import { isUniqueViolation } from "../../domain/unique-violation";
import { staffAuditInsert } from "./audit";

/**
 * Adds a contact, technician or staff member together with its audit row. Emails are unique per
 * kind within a tenant, so someone added with the same email in the meantime is a 409 naming `email`.
 */
export async function insertPerson(
	c: Context<AppEnv>,
	who: "A contact" | "A technician" | "A staff member",
	insert: BatchItem<"sqlite">,
	audit: Parameters<typeof staffAuditInsert>[1],
): Promise<void> {
	try {
		await c.var.db.batch([insert, staffAuditInsert(c, audit)]);
	} catch (err) {
		if (isUniqueViolation(err)) throw emailTaken(who);
		throw err;
	}
}

import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db";
import { emailTaken } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { isUniqueViolation } from "../unique-violation";

/**
 * Adds a contact, technician or staff member together with its audit row. Emails are unique per
 * kind within a tenant, so someone added with the same email in the meantime is a 409 naming `email`.
 */
export async function insertPerson(
	db: Db,
	actor: Actor,
	who: "A contact" | "A technician" | "A staff member",
	insert: BatchItem<"sqlite">,
	audit: Parameters<typeof auditBy>[2],
	now = Date.now(),
): Promise<void> {
	try {
		await db.batch([insert, auditBy(db, actor, audit, now)]);
	} catch (err) {
		if (isUniqueViolation(err)) throw emailTaken(who);
		throw err;
	}
}

import { outboxEmails } from "../../schema/tables/activity";
import type { Db } from "../app-env";
import { newId } from "../domain/ids";
import type { SendEmail } from "./types";

/** Keeps emails in the `outbox_emails` table instead of sending them; shown at /dev/outbox. */
export function outboxSender(db: Db): SendEmail {
	return async (email) => {
		try {
			await db.insert(outboxEmails).values({
				id: newId("eml"),
				tenantId: email.tenantId,
				to: email.to,
				subject: email.subject,
				text: email.text,
				html: email.html,
				sentAt: Date.now(),
			});
			return { delivered: true };
		} catch (err) {
			console.error("outbox insert failed", {
				tenantId: email.tenantId,
				message: err instanceof Error ? err.message : String(err),
			});
			return { delivered: false };
		}
	};
}

import {
	type NotificationData,
	type NotificationKind,
	notifications,
} from "../../../schema/tables/notifications";
import type { Db } from "../../db";
import { newId } from "../ids";

/**
 * What one request (or job) recorded for delivery: the ids of the notifications its batch wrote,
 * handed to the queue once the answer is sent, and the origin of the links in their emails.
 */
export type NoticeLog = { origin: string | null; ids: string[] };

export const noticeLog = (origin: string | null): NoticeLog => ({ origin, ids: [] });

export type NewNotification = {
	tenantId: string;
	kind: NotificationKind;
	jobId?: string | null;
	estimateId?: string | null;
	invoiceId?: string | null;
	data?: NotificationData;
	/** A once-only notification's key: a second insert with it writes nothing. */
	dedupeKey?: string | null;
};

/**
 * The insert of one notification, for the `db.batch` of the change that causes it, so the change
 * and its notification are written together or not at all. Its id goes into `log`; the sweep
 * finds it anyway when the request ends before it is on the queue.
 */
export function notificationInsert(db: Db, log: NoticeLog | undefined, n: NewNotification, now: number) {
	const id = newId("ntf");
	log?.ids.push(id);
	return db
		.insert(notifications)
		.values({
			id,
			tenantId: n.tenantId,
			kind: n.kind,
			jobId: n.jobId ?? null,
			estimateId: n.estimateId ?? null,
			invoiceId: n.invoiceId ?? null,
			origin: log?.origin ?? null,
			data: n.data ?? {},
			dedupeKey: n.dedupeKey ?? null,
			createdAt: now,
		})
		.onConflictDoNothing();
}

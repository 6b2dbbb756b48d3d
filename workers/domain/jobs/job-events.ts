import { jobEvents } from "../../../schema/tables/jobs";
import type { Db } from "../../db";
import type { Actor } from "../activity/actor";
import { newId } from "../ids";

/** One entry of a job's timeline, by whoever acted; customers see it unless `visibleToCustomer` is false. */
export function jobEventInsert(
	db: Db,
	actor: Actor,
	jobId: string,
	entry: { type: string; message: string; data?: Record<string, unknown>; visibleToCustomer?: boolean },
	now: number,
) {
	return db.insert(jobEvents).values({
		id: newId("evt"),
		tenantId: actor.tenantId,
		jobId,
		type: entry.type,
		actorType: actor.type,
		actorId: actor.id,
		actorLabel: actor.label,
		message: entry.message,
		data: entry.data ?? null,
		visibleToCustomer: entry.visibleToCustomer ?? true,
		createdAt: now,
	});
}

import type { z } from "@hono/zod-openapi";
import type { JobDetailSchema } from "../../contracts/customer";
import type { Db } from "../../db";
import { AppError, type ErrorCode, type FieldIssue } from "../../errors";
import { noticeLog } from "../notifications/record";
import type { RequestMeta } from "../request-meta";
import type { Me } from "../sign-in/audiences";
import type { Tenant } from "../tenant/tenant";
import { takeRecorded } from "../webhooks/events";
import type { BookingInput } from "./booking-input";
import { bookJob } from "./bookings";
import type { IdempotencyGate } from "./create-job-once";

/**
 * A portal booking made in one call to the tenant's `TenantGate`: the gate claims the key, writes
 * the booking's atomic D1 batch through its own binding, records the answer and tells the boards,
 * where the Worker used to call it twice around its own D1 write. What travels is plain data.
 */
export type GateBooking = {
	shard: number;
	tenant: Tenant;
	me: Me;
	key: string;
	input: BookingInput;
	meta: RequestMeta;
	now: number;
	/** Where the notifications' links point (the request's origin in development). */
	noticeOrigin: string | null;
};

type Job = z.infer<typeof JobDetailSchema>;

/** An AppError as data: a thrown one loses its status, code and fields on the way back. */
type GateError = {
	status: AppError["status"];
	code: ErrorCode;
	message: string;
	issues?: FieldIssue[];
	headers?: Record<string, string>;
};

export type GateBooked =
	| {
			ok: true;
			job: Job;
			replayed: boolean;
			/** The notifications written with the job, for the Worker to enqueue after answering. */
			noticeIds: string[];
			/** The webhook events written with the job, whose deliveries the Worker hands to the queue. */
			webhookEvents: string[];
			/** The D1 bookmark after the write, so the customer's next read sees it. */
			bookmark: string | null;
	  }
	| { ok: false; error: GateError };

/** Runs in the gate: `bookJob` with the gate itself as the key ledger, over a primary session. */
export async function bookInGate(
	gate: IdempotencyGate,
	open: (shard: number) => { db: Db; bookmark: () => string | null },
	request: GateBooking,
): Promise<GateBooked> {
	const { db, bookmark } = open(request.shard);
	const notices = noticeLog(request.noticeOrigin);
	try {
		const { job, replayed } = await bookJob(
			{ db, gate, meta: request.meta, now: request.now, notices },
			request.tenant,
			request.me,
			request.key,
			request.input,
		);
		return {
			ok: true,
			job,
			replayed,
			noticeIds: notices.ids,
			webhookEvents: takeRecorded(db),
			bookmark: bookmark(),
		};
	} catch (err) {
		if (!(err instanceof AppError)) throw err;
		const { status, code, message, issues, headers } = err;
		return { ok: false, error: { status, code, message, issues, headers } };
	}
}

/** The gate's answer in the Worker: the booking, or its AppError thrown again. */
export function bookedThroughGate(answer: GateBooked): Extract<GateBooked, { ok: true }> {
	if (answer.ok) return answer;
	const { status, code, message, issues, headers } = answer.error;
	throw new AppError(status, code, message, issues, headers);
}

import { and, eq, gt, inArray, isNotNull, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import {
	OPEN_DELIVERY,
	webhookDeliveries,
	webhookEndpoints,
	webhookEvents,
} from "../../../schema/tables/integrations";
import type { Db } from "../../db";
import { enqueueClaimed } from "../outbox/enqueue";
import { deliveryIdPrefix, takeRecorded } from "./events";
import { DELIVERY_TIMEOUT_MS, DISABLE_AFTER_FAILING_MS, retryDelaySeconds, SWEEP_AFTER_MS } from "./schedule";
import { signedHeaders } from "./signing";

/** What the queue carries: which delivery, at which attempt (a stale or repeated message is dropped). */
export type WebhookMessage = { deliveryId: string; attempt: number };

/** The producer side of the queue, as much of it as the webhooks use. */
export type WebhookQueue = Pick<Queue<WebhookMessage>, "send" | "sendBatch">;

/** Sends one HTTP request; `fetch` in production, the app itself for the dev inbox, a stub in tests. */
export type Send = (request: Request) => Promise<Response>;

export type DeliveryDeps = {
	db: Db;
	queue: WebhookQueue;
	send: Send;
	now: number;
	/** Told when an endpoint has failed for days and was disabled (emails the tenant's admins). */
	onDisabled?: (
		endpoint: { id: string; tenantId: string; url: string },
		failingSince: number,
	) => Promise<void>;
};

export type DeliveryOutcome = "delivered" | "retrying" | "failed" | "skipped";

type Delivery = typeof webhookDeliveries.$inferSelect;

/** The payload of a delivery from before deliveries carried their event: its event's own row. */
async function earlierPayload(db: Db, delivery: Delivery): Promise<string | null> {
	const event = await db
		.select({ payload: webhookEvents.payload })
		.from(webhookEvents)
		.where(and(eq(webhookEvents.tenantId, delivery.tenantId), eq(webhookEvents.id, delivery.eventId)))
		.get();
	return event?.payload ?? null;
}

/**
 * One attempt of a delivery. The attempt is claimed first (`attempts = N` → `N + 1` in one
 * conditional UPDATE), so a message the queue delivers twice, or a sweep racing a retry, sends
 * once. 2xx delivers; anything else (an error status, a timeout, a refused connection) is
 * retried after the next delay of the schedule, and once they are spent the delivery is failed.
 */
export async function attemptDelivery(deps: DeliveryDeps, message: WebhookMessage): Promise<DeliveryOutcome> {
	const { db, now } = deps;
	const claimed = await db
		.update(webhookDeliveries)
		.set({ attempts: message.attempt + 1, lastAttemptAt: now })
		.where(
			and(
				eq(webhookDeliveries.id, message.deliveryId),
				eq(webhookDeliveries.attempts, message.attempt),
				inArray(webhookDeliveries.state, ["pending", "retrying"]),
			),
		)
		.returning();
	const delivery = claimed[0];
	if (!delivery) return "skipped";
	const endpoint = await db
		.select()
		.from(webhookEndpoints)
		.where(eq(webhookEndpoints.id, delivery.endpointId))
		.get();
	const fail = async (lastError: string) => {
		await db
			.update(webhookDeliveries)
			.set({ state: "failed", lastError })
			.where(eq(webhookDeliveries.id, delivery.id));
		return "failed" as const;
	};
	if (!endpoint || endpoint.disabledAt !== null || endpoint.deletedAt !== null)
		return fail("The endpoint is disabled or deleted.");
	const payload = delivery.payload ?? (await earlierPayload(db, delivery));
	if (payload === null) return fail("The event is no longer recorded.");
	const secrets = [endpoint.secret];
	if (endpoint.previousSecret && (endpoint.previousSecretExpiresAt ?? 0) > now)
		secrets.push(endpoint.previousSecret);
	let status: number | null = null;
	let error: string | null = null;
	try {
		const response = await deps.send(
			new Request(endpoint.url, {
				method: "POST",
				headers: signedHeaders(delivery.eventId, payload, secrets, new Date(now)),
				body: payload,
				signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
				redirect: "manual",
			}),
		);
		status = response.status;
		await response.body?.cancel();
		if (status < 200 || status >= 300) error = `The endpoint answered ${status}.`;
	} catch (err) {
		error =
			err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")
				? `No answer within ${DELIVERY_TIMEOUT_MS / 1000} seconds.`
				: `The request failed: ${err instanceof Error ? err.message : String(err)}`;
	}
	if (!error) {
		await db.batch([
			db
				.update(webhookDeliveries)
				.set({ state: "delivered", lastStatusCode: status, lastError: null, deliveredAt: now })
				.where(eq(webhookDeliveries.id, delivery.id)),
			// Only an endpoint that was failing is written: a delivery to a healthy one writes no row of it.
			db
				.update(webhookEndpoints)
				.set({ failingSince: null })
				.where(and(eq(webhookEndpoints.id, endpoint.id), isNotNull(webhookEndpoints.failingSince))),
		]);
		return "delivered";
	}
	const delay = retryDelaySeconds(delivery.attempts);
	const failingSince = endpoint.failingSince ?? now;
	const disable = now - failingSince >= DISABLE_AFTER_FAILING_MS;
	await db.batch([
		db
			.update(webhookDeliveries)
			.set(
				delay === null || disable
					? { state: "failed", lastStatusCode: status, lastError: error }
					: {
							state: "retrying",
							lastStatusCode: status,
							lastError: error,
							nextAttemptAt: now + delay * 1000,
							enqueuedAt: now,
						},
			)
			.where(eq(webhookDeliveries.id, delivery.id)),
		// The run of failures starts once: later failures write the endpoint only to disable it.
		disable
			? db
					.update(webhookEndpoints)
					.set({ failingSince, disabledAt: now })
					.where(eq(webhookEndpoints.id, endpoint.id))
			: db
					.update(webhookEndpoints)
					.set({ failingSince })
					.where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.failingSince))),
	]);
	if (disable) {
		await deps.onDisabled?.(
			{ id: endpoint.id, tenantId: endpoint.tenantId, url: endpoint.url },
			failingSince,
		);
		return "failed";
	}
	if (delay === null) return "failed";
	await deps.queue.send({ deliveryId: delivery.id, attempt: delivery.attempts }, { delaySeconds: delay });
	return "retrying";
}

/**
 * The sweep's claim: one UPDATE … RETURNING that stamps `enqueued_at` on the rows `due` selects,
 * so two sweeps running at once each get rows the other did not. Should the hand-off fail after
 * the claim, the next sweep finds the stamped rows once they are `SWEEP_AFTER_MS` old.
 */
async function claimAndEnqueue(db: Db, queue: WebhookQueue, due: SQL, limit: number, now: number) {
	const claimed = await db
		.update(webhookDeliveries)
		.set({ enqueuedAt: now })
		.where(
			inArray(
				webhookDeliveries.id,
				db
					.select({ id: webhookDeliveries.id })
					.from(webhookDeliveries)
					.where(due)
					.orderBy(webhookDeliveries.nextAttemptAt)
					.limit(limit),
			),
		)
		.returning({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts });
	return enqueueClaimed(queue, claimed, (r) => ({ deliveryId: r.id, attempt: r.attempts }));
}

/**
 * After a request whose batches recorded events: hands their new deliveries to the queue. They
 * are read by their events' key ranges (see `deliveryIdPrefix`), so a request sends its own and
 * no other's, and nothing is written to claim them (they were stamped handed over as they were
 * written). If this never runs (the isolate died), the sweep finds them.
 */
export async function dispatchRecorded(db: Db, queue: WebhookQueue) {
	const events = takeRecorded(db);
	if (!events.length) return 0;
	const fresh = await db
		.select({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts })
		.from(webhookDeliveries)
		.where(recordedDue(events))
		.all();
	return enqueueClaimed(queue, fresh, (r) => ({ deliveryId: r.id, attempt: r.attempts }));
}

/**
 * The deliveries of `events` not yet attempted: one key range per event. A resend of an event
 * shares its range, and the attempt claim drops a delivery handed over twice.
 */
export const recordedDue = (events: readonly string[]) =>
	and(
		or(
			...events.map((event) => {
				const prefix = deliveryIdPrefix(event);
				return and(gt(webhookDeliveries.id, prefix), lt(webhookDeliveries.id, `${prefix}~`));
			}),
		),
		eq(webhookDeliveries.state, "pending"),
		eq(webhookDeliveries.attempts, 0),
	) as SQL;

/** Deliveries due by `due` that were never handed over, or whose hand-off is that old. */
export const sweepDue = (due: number) =>
	and(
		sql.raw(OPEN_DELIVERY),
		lte(webhookDeliveries.nextAttemptAt, due),
		or(isNull(webhookDeliveries.enqueuedAt), lte(webhookDeliveries.enqueuedAt, due)),
	) as SQL;

/**
 * The cron's sweep: deliveries recorded but never handed to the queue, or whose retry the queue
 * lost, are enqueued again (the attempt claim makes a late duplicate harmless).
 */
export function sweepDeliveries(db: Db, queue: WebhookQueue, now: number) {
	return claimAndEnqueue(db, queue, sweepDue(now - SWEEP_AFTER_MS), 1000, now);
}

/**
 * Sends an event again to the endpoint, as a new delivery with the same `webhook-id` (its id in
 * the event's range: `newDeliveryId`), handed over when the request answers.
 */
export function resendStatement(
	db: Db,
	tenantId: string,
	endpointId: string,
	event: Pick<Delivery, "eventId" | "type" | "payload">,
	id: string,
	now: number,
) {
	return db.insert(webhookDeliveries).values({
		id,
		tenantId,
		endpointId,
		eventId: event.eventId,
		type: event.type,
		payload: event.payload,
		state: "pending",
		attempts: 0,
		nextAttemptAt: now,
		enqueuedAt: now,
		createdAt: now,
	});
}

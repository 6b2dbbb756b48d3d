import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type WebhookEventType, webhookDeliveries } from "../../../schema/tables/integrations";
import type { Db } from "../../db";
import { newId, randomHex } from "../ids";

/**
 * The events each drizzle client (one per request) recorded: after the request answers, the
 * Worker hands those events' deliveries to the queue (see `dispatchRecorded`). A batch that
 * rolled back left no delivery to hand over, so nothing is sent for it.
 */
const recorded = new WeakMap<object, Set<string>>();

/** Whether `db` ran (or was given) statements that record webhook events. */
export const recordedEvents = (db: Db) => recorded.has(db);

/** Notes that `db` wrote deliveries of `eventId` (an event, or a resend of one), for after the request. */
export function markRecorded(db: Db, eventId: string) {
	const events = recorded.get(db) ?? new Set<string>();
	events.add(eventId);
	recorded.set(db, events);
}

/** The events `db` recorded, forgotten as they are answered: each request hands its own over once. */
export function takeRecorded(db: Db): string[] {
	const events = recorded.get(db);
	recorded.delete(db);
	return events ? [...events] : [];
}

/**
 * A delivery's id begins with its event's (`whd_<event's hex><8 hex of its own>`), so the
 * deliveries of an event are one range of the table's key: the request that recorded the event
 * finds them there, and writes no claim to tell them from other requests' deliveries.
 */
export const deliveryIdPrefix = (eventId: string) => `whd_${eventId.slice(eventId.indexOf("_") + 1)}`;

/** A new delivery of `eventId` (a resend): its event's prefix and 32 random bits. */
export const newDeliveryId = (eventId: string): string => `${deliveryIdPrefix(eventId)}${randomHex(4)}`;

/**
 * The statement that records one event as a delivery of it to each enabled endpoint of the
 * tenant subscribed to its type: append it to the `db.batch` of the change itself, so the event
 * exists exactly when the change does (and an endpoint subscribes to it). `data` is either the
 * object to send or a SQL expression (run inside the batch, after the change) that yields its
 * JSON, e.g. the job row as just written. Each delivery carries the event (its id, type and
 * payload): no row of the event's own is written.
 */
export function webhookEventStatements(
	db: Db,
	tenantId: string,
	type: WebhookEventType,
	data: Record<string, unknown> | ReturnType<typeof sql>,
	now: number,
): BatchItem<"sqlite">[] {
	const eventId = newId("msg");
	markRecorded(db, eventId);
	const timestamp = new Date(now).toISOString();
	const dataSql =
		data && typeof data === "object" && "queryChunks" in data
			? (data as ReturnType<typeof sql>)
			: sql`json(${JSON.stringify(data)})`;
	// insert … select (every column, in table order): the rows exist only if the select finds
	// what the change wrote, and drizzle batches it as one statement of the change's batch. A
	// delivery is stamped handed over as it is written (`enqueued_at`): the request sends it after
	// it answers, and should that never happen the sweep finds it once the stamp is stale.
	// An event no endpoint subscribes to (most tenants have no integration) writes nothing.
	const subscribed = sql`e.tenant_id = ${tenantId} AND e.disabled_at IS NULL AND e.deleted_at IS NULL
		AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE json_each.value = ${type})`;
	return [
		db.insert(webhookDeliveries).select(
			sql`SELECT ${deliveryIdPrefix(eventId)} || lower(hex(randomblob(4))), e.tenant_id, e.id, ${eventId},
				'pending', 0, ${now}, ${now}, NULL, NULL, NULL, NULL, ${now}, ${type},
				json_object('type', ${type}, 'timestamp', ${timestamp}, 'data', json(d.data))
			FROM (SELECT ${dataSql} AS data) d CROSS JOIN webhook_endpoints e
			WHERE d.data IS NOT NULL AND ${subscribed}`,
		),
	];
}

/** A job as events carry it, read from its row inside the batch (null when there is none). */
export function jobEventData(tenantId: string, jobId: string, extra: Record<string, unknown> = {}) {
	return sql`(SELECT json_patch(json_object(
			'id', j.id, 'number', j.number, 'kind', j.kind, 'status', j.status, 'source', j.source,
			'technicianId', j.technician_id, 'accountId', j.account_id, 'contactId', j.contact_id,
			'customerName', j.customer_name, 'customerEmail', j.customer_email, 'reference', j.reference,
			'windowStart', j.window_start, 'windowEnd', j.window_end, 'updatedAt', j.updated_at
		), json(${JSON.stringify(extra)})) FROM jobs j WHERE j.tenant_id = ${tenantId} AND j.id = ${jobId})`;
}

/** The event of a job change (`job.created`, `job.assigned`, `job.status_changed`, `booking.created`). */
export const jobWebhookStatements = (
	db: Db,
	tenantId: string,
	type: Extract<WebhookEventType, `job.${string}` | "booking.created">,
	jobId: string,
	now: number,
	extra: Record<string, unknown> = {},
) => webhookEventStatements(db, tenantId, type, jobEventData(tenantId, jobId, extra), now);

/** What `survey.submitted` carries: the job it was about and the answers given. */
export type SurveySubmittedEvent = {
	surveyId: string;
	jobId: string;
	contactId: string | null;
	/** The score on the survey's scale (1–5 stars, 0–10 NPS). */
	score: number;
	scale: "stars" | "nps";
	comment: string | null;
	submittedAt: string;
};

/**
 * The statements that record `survey.submitted`, for the batch that saves the survey's answers:
 * `db.batch([...answerWrites, ...surveySubmittedStatements(db, tenantId, survey, now)])`.
 */
export const surveySubmittedStatements = (
	db: Db,
	tenantId: string,
	survey: SurveySubmittedEvent,
	now: number,
) => webhookEventStatements(db, tenantId, "survey.submitted", survey, now);

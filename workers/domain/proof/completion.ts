import { and, eq, inArray } from "drizzle-orm";
import { type JobStatus, jobPhotos, jobStops, jobs } from "../../../schema/tables/jobs";
import { jobCompletions } from "../../../schema/tables/proof";
import { type CompletionAnswer, CompletionAnswerSchema, type CompletionInput } from "../../contracts/proof";
import type { Db } from "../../db";
import { AppError, type FieldIssue, invalidFields, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { newId } from "../ids";
import { jobEventInsert } from "../jobs/job-events";
import { replayRecord, requestKey, requestRecordRead, requestRecordWrites } from "../jobs/request-records";
import type { LiveChannels } from "../live/live-jobs";
import { type NoticeLog, notificationInsert } from "../notifications/record";
import { newPrivateMediaKey, sniffImageType } from "../tenant/media";
import type { Tenant } from "../tenant/tenant";
import { isUniqueViolation } from "../unique-violation";
import { jobWebhookStatements } from "../webhooks/events";
import { missingProofItems } from "./requirements";

export const SIGNATURE_MAX_BYTES = 512 * 1024;
/** A phone this close to a stop completed the job at that stop's address. */
const AT_STOP_METERS = 300;

const COMPLETE_FROM: JobStatus[] = ["in_progress"];
const FAIL_FROM: JobStatus[] = ["en_route", "in_progress", "paused"];

export const FAILURE_LABEL = {
	nobody_home: "nobody home",
	refused: "refused",
	no_access: "no access",
	other: "other",
} as const;

type Deps = { db: Db; live: LiveChannels; media: R2Bucket; now: number; notices?: NoticeLog };

/** A completion as made: what to do after it (the report, the customer's email). */
export type MadeCompletion = { answer: CompletionAnswer; replayed: boolean };

/** The signature's PNG bytes: 400 naming `signaturePng` unless they are a PNG by their magic bytes. */
function signatureBytes(base64: string): Uint8Array {
	const bad = () =>
		invalidFields([
			{ path: ["signaturePng"], field: "signaturePng", message: "Send the signature as a PNG image." },
		]);
	let binary: string;
	try {
		binary = atob(base64.replace(/^data:image\/png;base64,/, "").replace(/\s+/g, ""));
	} catch {
		throw bad();
	}
	const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
	if (
		bytes.byteLength === 0 ||
		bytes.byteLength > SIGNATURE_MAX_BYTES ||
		sniffImageType(bytes) !== "image/png"
	)
		throw bad();
	return bytes;
}

function metersBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLng = (b.lng - a.lng) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
	return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** The address of the stop the phone was at, when it was at one; never the coordinates. */
export function placeOf(
	position: { lat: number; lng: number } | undefined,
	stops: ReadonlyArray<{ line1: string; city: string; lat: number | null; lng: number | null }>,
): string | null {
	if (!position) return null;
	let best: { d: number; label: string } | null = null;
	for (const s of stops) {
		if (s.lat === null || s.lng === null) continue;
		const d = metersBetween(position, { lat: s.lat / 1e6, lng: s.lng / 1e6 });
		if (d <= AT_STOP_METERS && (!best || d < best.d)) best = { d, label: `${s.line1}, ${s.city}` };
	}
	return best?.label ?? null;
}

/**
 * A technician completes their job, or says it could not be completed, once per Idempotency-Key:
 * the tenant's rules for the job's kind are checked (400 naming each missing item), the photos
 * must be this job's, the signature a PNG by its bytes (stored in R2 first). The completion
 * row, the job's status, its timeline and audit entries and the key's answer are one batch, so
 * a phone that sends its queued completion twice makes one completion and reads the same answer.
 * A failed attempt sends the job back to the board, unassigned; the board flags it from the row.
 */
export async function completeJob(
	deps: Deps,
	actor: Actor,
	tenant: Tenant,
	jobId: string,
	input: CompletionInput,
	idempotencyKey: string,
): Promise<MadeCompletion> {
	const { db, now } = deps;
	const key = await requestKey(actor.tenantId, `job-complete:${actor.id}`, idempotencyKey, {
		jobId,
		...input,
	});
	const photoIds = [...new Set(input.photoIds ?? [])];
	const [[job], stops, photos, [record]] = await db.batch([
		db
			.select({ id: jobs.id, status: jobs.status, kind: jobs.kind })
			.from(jobs)
			.where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, jobId), eq(jobs.technicianId, actor.id)))
			.limit(1),
		db
			.select({ line1: jobStops.line1, city: jobStops.city, lat: jobStops.lat, lng: jobStops.lng })
			.from(jobStops)
			.where(and(eq(jobStops.tenantId, actor.tenantId), eq(jobStops.jobId, jobId))),
		db
			.select({ id: jobPhotos.id })
			.from(jobPhotos)
			.where(
				and(
					eq(jobPhotos.tenantId, actor.tenantId),
					eq(jobPhotos.jobId, jobId),
					inArray(jobPhotos.id, photoIds.length ? photoIds : [""]),
				),
			),
		requestRecordRead(db, key, now),
	]);
	const replay = (row: { fingerprint: string; body: string }) => ({
		answer: replayRecord(key, row, CompletionAnswerSchema, "completion"),
		replayed: true,
	});
	if (record) return replay(record);
	if (!job) throw notFound("That job");
	const allowed = input.outcome === "completed" ? COMPLETE_FROM : FAIL_FROM;
	if (!allowed.includes(job.status)) {
		throw new AppError(
			409,
			"conflict",
			input.outcome === "completed"
				? `A job that is ${job.status.replace("_", " ")} cannot be completed; start it first.`
				: `A job that is ${job.status.replace("_", " ")} cannot be marked as not completed.`,
		);
	}
	const issues: FieldIssue[] = missingProofItems(tenant.settings.proofRules[job.kind], input);
	const found = new Set(photos.map((p) => p.id));
	if (photoIds.some((id) => !found.has(id)))
		issues.push({ path: ["photoIds"], field: "photoIds", message: "Attach photos of this job only." });
	if (issues.length) throw invalidFields(issues);
	const failed = input.outcome === "failed";

	let signatureKey: string | null = null;
	if (input.signaturePng && !failed) {
		const bytes = signatureBytes(input.signaturePng);
		signatureKey = newPrivateMediaKey(actor.tenantId, ["jobs", jobId, "signature"], "image/png");
		await deps.media.put(signatureKey, bytes, { httpMetadata: { contentType: "image/png" } });
	}
	const completionId = newId("cmp");
	const answer: CompletionAnswer = {
		id: jobId,
		status: failed ? "unassigned" : "completed",
		completion: { id: completionId, outcome: input.outcome, at: new Date(now).toISOString() },
	};
	const reason = input.failureReason ?? "other";
	const message = failed
		? `Could not complete: ${input.failureText ?? FAILURE_LABEL[reason]}`
		: input.recipientName
			? `Completed, received by ${input.recipientName}`
			: "Completed";
	try {
		await db.batch([
			db.insert(jobCompletions).values({
				id: completionId,
				tenantId: actor.tenantId,
				jobId,
				technicianId: actor.id,
				technicianName: actor.label,
				outcome: input.outcome,
				recipientName: failed ? null : (input.recipientName ?? null),
				signatureKey,
				photoIds,
				note: input.note ?? null,
				failureReason: failed ? reason : null,
				failureText: failed ? (input.failureText ?? null) : null,
				workDone: failed ? null : (input.workDone ?? null),
				parts: failed ? [] : (input.parts ?? []),
				place: placeOf(input.position, stops),
				createdAt: now,
			}),
			db
				.update(jobs)
				.set(
					failed
						? { status: "unassigned", technicianId: null, pausedMessage: null, updatedAt: now }
						: { status: "completed", pausedMessage: null, updatedAt: now, completedAt: now },
				)
				.where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, jobId))),
			jobEventInsert(db, actor, jobId, { type: failed ? "failed" : "completed", message }, now),
			auditBy(
				db,
				actor,
				{
					action: failed ? "job.failed" : "job.completed",
					targetType: "job",
					targetId: jobId,
					data: { from: job.status, completionId, ...(failed ? { reason } : {}) },
				},
				now,
			),
			...requestRecordWrites(db, key, { status: 200, body: answer, resourceId: jobId }, now),
			...jobWebhookStatements(db, actor.tenantId, "job.status_changed", jobId, now, {
				previousStatus: job.status,
			}),
			// The customer hears of it through the notification pipeline: completed (with the survey),
			// or could not complete (essential: why, and that another visit is arranged).
			notificationInsert(
				db,
				deps.notices,
				failed
					? {
							tenantId: actor.tenantId,
							kind: "not_completed",
							jobId,
							data: {
								failureReason: reason,
								failureText: input.failureText ?? null,
								technicianName: actor.label,
							},
						}
					: { tenantId: actor.tenantId, kind: "completed", jobId },
				now,
			),
		]);
	} catch (err) {
		// The same key sent twice at once: the first batch won, this one wrote nothing.
		if (!isUniqueViolation(err)) throw err;
		const [first] = await requestRecordRead(db, key, now);
		if (!first) throw err;
		return replay(first);
	}
	await Promise.all([
		deps.live.refreshRelay(actor.tenantId, jobId),
		deps.live.publishJob(actor.tenantId, jobId),
		deps.live.clearPosition(actor.tenantId, actor.id),
	]);
	return { answer, replayed: false };
}

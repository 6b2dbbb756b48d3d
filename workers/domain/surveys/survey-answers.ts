import { and, eq, gt, isNull, or, type SQL } from "drizzle-orm";
import { jobs, trackingLinks } from "../../../schema/tables/jobs";
import { surveys } from "../../../schema/tables/surveys";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { AppError, notFound } from "../../errors";
import { auditInsert } from "../activity/audit";
import { customerLabel, inboxAlertInsert } from "../activity/inbox";
import { newId } from "../ids";
import type { CustomerScope } from "../jobs/customer-scope";
import { visibleJobs } from "../jobs/customer-scope";
import type { LiveChannels } from "../live/live-jobs";
import type { RequestMeta } from "../request-meta";
import { sha256Hex } from "../secrets";
import type { Me } from "../sign-in/audiences";
import { toTenant } from "../tenant/tenant";
import type { SurveySettings } from "../tenant/tenant-settings";
import { openTenant } from "../tenant/tenant-status";
import { isUniqueViolation } from "../unique-violation";
import { surveySubmittedStatements } from "../webhooks/events";
import {
	checkSurveyAnswer,
	isLowScore,
	SURVEY_EDIT_WINDOW_MS,
	SURVEY_RANGE,
	type SurveyAnswerInput,
} from "./survey-rules";

type SurveyRow = typeof surveys.$inferSelect;

/**
 * Who answers: a signed-in contact (one answer per job and contact), or whoever holds a
 * tracking link (one answer per job and link).
 */
export type Respondent =
	| { kind: "contact"; scope: CustomerScope; me: Me; meta: RequestMeta }
	| { kind: "tracking"; tenantId: string; linkId: string; jobId: string; meta: RequestMeta };

type SurveyDeps = { db: Db; live: LiveChannels; now: number };

type SurveyJob = { id: string; number: number; status: string; technicianId: string | null };

const jobColumns = { id: jobs.id, number: jobs.number, status: jobs.status, technicianId: jobs.technicianId };

const tenantIdOf = (r: Respondent) => (r.kind === "contact" ? r.scope.tenantId : r.tenantId);

/** The read of the respondent's job: nothing when they may not see it (another's, another tenant's, none). */
function jobRead(db: Db, r: Respondent, jobId: string) {
	const where =
		r.kind === "contact"
			? and(eq(jobs.id, jobId), visibleJobs(r.scope))
			: and(eq(jobs.tenantId, r.tenantId), eq(jobs.id, r.jobId));
	return db.select(jobColumns).from(jobs).where(where).limit(1);
}

/** The respondent's job, or 404. */
async function respondentJob(db: Db, r: Respondent, jobId: string): Promise<SurveyJob> {
	const [job] = await jobRead(db, r, jobId);
	if (!job) throw notFound("That job");
	return job;
}

const answerOf = (r: Respondent): SQL =>
	r.kind === "contact" ? eq(surveys.contactId, r.scope.contactId) : eq(surveys.trackingLinkId, r.linkId);

function answerRead(db: Db, r: Respondent, jobId: string) {
	return db
		.select()
		.from(surveys)
		.where(and(eq(surveys.tenantId, tenantIdOf(r)), eq(surveys.jobId, jobId), answerOf(r)))
		.limit(1);
}

async function readAnswer(db: Db, r: Respondent, jobId: string) {
	const [row] = await answerRead(db, r, jobId);
	return row;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The survey of a job as its respondent sees it: whether it is asked (a completed job of a
 * tenant that asks, or answered already), what is asked, their answer, until when it may change.
 */
export function toSurveyView(
	settings: SurveySettings,
	job: { status: string },
	row: SurveyRow | undefined,
	now: number,
) {
	const until = row ? row.createdAt + SURVEY_EDIT_WINDOW_MS : null;
	return {
		enabled: row !== undefined || (settings.enabled && job.status === "completed"),
		type: settings.type,
		categories: settings.categories,
		reviewUrl: settings.reviewUrl,
		answer: row
			? {
					score: row.score,
					comment: row.comment,
					categories: row.categories,
					answeredAt: iso(row.createdAt),
					updatedAt: iso(row.updatedAt),
				}
			: null,
		editableUntil: until === null ? null : iso(until),
		editable: until === null ? settings.enabled && job.status === "completed" : now < until,
	};
}

export type SurveyView = ReturnType<typeof toSurveyView>;

/** The reads of a job's survey as the respondent sees it, to send alone or with a session check. */
export const surveyReads = (db: Db, r: Respondent, jobId: string) =>
	[jobRead(db, r, jobId), answerRead(db, r, jobId)] as const;

/** The survey `surveyReads` read; 404 when the job is not the respondent's. */
export function surveyViewOf(
	settings: SurveySettings,
	[jobRows, answerRows]: [SurveyJob[], SurveyRow[]],
	now: number,
): SurveyView {
	const [job] = jobRows;
	if (!job) throw notFound("That job");
	return toSurveyView(settings, job, answerRows[0], now);
}

/** The survey of one of the respondent's jobs, answered or not; 404 when the job is not theirs. */
export async function respondentSurvey(
	db: Db,
	settings: SurveySettings,
	r: Respondent,
	jobId: string,
	now = Date.now(),
): Promise<SurveyView> {
	const [jobRows, answerRows] = await db.batch(surveyReads(db, r, jobId));
	return surveyViewOf(settings, [jobRows, answerRows], now);
}

/**
 * Records or changes a respondent's answer to the survey of a completed job. The first answer
 * is `created`; the same respondent may change it for 7 days after (then 409). A low score
 * raises the dispatchers' inbox alert in the batch that stores it — once, not on every edit
 * that keeps it low. Every score gets the same thank-you: nothing here depends on it but the alert.
 */
export async function answerSurvey(
	deps: SurveyDeps,
	settings: SurveySettings,
	r: Respondent,
	jobId: string,
	input: SurveyAnswerInput,
): Promise<{ created: boolean; view: SurveyView }> {
	const { db, live, now } = deps;
	const job = await respondentJob(db, r, jobId);
	if (job.status !== "completed")
		throw new AppError(409, "conflict", "The survey opens once the job is completed.");
	if (!settings.enabled) throw new AppError(409, "conflict", "This company is not asking for a survey.");
	const answer = checkSurveyAnswer(settings, input);
	const tenantId = tenantIdOf(r);
	const existing = await readAnswer(db, r, job.id);
	if (existing && now >= existing.createdAt + SURVEY_EDIT_WINDOW_MS) {
		throw new AppError(409, "conflict", "This answer can no longer be changed.");
	}
	const id = existing?.id ?? newId("srv");
	const write = existing
		? db
				.update(surveys)
				.set({ scale: settings.type, ...answer, updatedAt: now })
				.where(and(eq(surveys.tenantId, tenantId), eq(surveys.id, existing.id)))
		: db.insert(surveys).values({
				id,
				tenantId,
				jobId: job.id,
				contactId: r.kind === "contact" ? r.scope.contactId : null,
				trackingLinkId: r.kind === "tracking" ? r.linkId : null,
				technicianId: job.technicianId,
				scale: settings.type,
				...answer,
				createdAt: now,
				updatedAt: now,
			});
	const wasLow = existing ? isLowScore(existing.scale, existing.score) : false;
	const alert =
		isLowScore(settings.type, answer.score) && !wasLow
			? lowScoreAlert(db, r, job, settings, answer.score, answer.comment, now)
			: null;
	const audit = auditInsert(
		db,
		{
			tenantId,
			...(r.kind === "contact"
				? { actorType: "contact" as const, actorId: r.me.id, actorLabel: r.me.name }
				: { actorType: "anonymous" as const, actorId: r.linkId, actorLabel: "Tracking link" }),
			action: existing ? "survey.changed" : "survey.answered",
			targetType: "job",
			targetId: job.id,
			data: { surveyId: id, score: answer.score, scale: settings.type },
			...r.meta,
		},
		now,
	);
	const submitted = surveySubmittedStatements(
		db,
		tenantId,
		{
			surveyId: id,
			jobId: job.id,
			contactId: r.kind === "contact" ? r.scope.contactId : null,
			score: answer.score,
			scale: settings.type,
			comment: answer.comment,
			submittedAt: new Date(now).toISOString(),
		},
		now,
	);
	try {
		await db.batch([write, ...(alert ? [alert] : []), audit, ...submitted]);
	} catch (err) {
		// Two first answers at once: the unique index keeps one; the other is told to reload.
		if (isUniqueViolation(err))
			throw new AppError(409, "conflict", "This survey was just answered; reload to see the answer.");
		throw err;
	}
	if (alert) await live.publishUnreadAlerts(tenantId);
	const row = await readAnswer(db, r, job.id);
	return { created: !existing, view: toSurveyView(settings, job, row, now) };
}

/** "Low survey score on job #1032: 2/5 from Cal Client (Riverside Clinic)", the comment as body. */
function lowScoreAlert(
	db: Db,
	r: Respondent,
	job: SurveyJob,
	settings: SurveySettings,
	score: number,
	comment: string | null,
	now: number,
) {
	const from =
		r.kind === "contact" ? customerLabel(r.me.name, r.me.accountName) : "someone with a tracking link";
	return inboxAlertInsert(
		db,
		{
			tenantId: tenantIdOf(r),
			kind: "survey_low_score",
			jobId: job.id,
			accountId: r.kind === "contact" ? r.me.accountId : null,
			contactId: r.kind === "contact" ? r.me.id : null,
			title: `Low survey score on job #${job.number}: ${score}/${SURVEY_RANGE[settings.type].max} from ${from}`,
			body: comment,
		},
		now,
	);
}

/**
 * The tenant and job a tracking link answers the survey for: the link neither revoked nor
 * expired — or, once its job is completed, for the survey's 7 days after completion, since
 * the link stops showing the live job then. Undefined for anything else.
 */
export async function trackingSurveyLink(db: Db, token: string, now = Date.now()) {
	if (token.length < 20 || token.length > 128) return undefined;
	const row = await db
		.select({ linkId: trackingLinks.id, jobId: jobs.id, tenant: tenants })
		.from(trackingLinks)
		.innerJoin(jobs, and(eq(jobs.tenantId, trackingLinks.tenantId), eq(jobs.id, trackingLinks.jobId)))
		.innerJoin(tenants, and(eq(tenants.id, jobs.tenantId), openTenant()))
		.where(
			and(
				eq(trackingLinks.tokenHash, await sha256Hex(token)),
				isNull(trackingLinks.revokedAt),
				or(gt(trackingLinks.expiresAt, now), gt(jobs.completedAt, now - SURVEY_EDIT_WINDOW_MS)),
			),
		)
		.get();
	return row ? { linkId: row.linkId, jobId: row.jobId, tenant: toTenant(row.tenant) } : undefined;
}

import { and, eq } from "drizzle-orm";
import type { InboxAlertKind } from "../../../schema/tables/activity";
import { type JobStatus, jobStops, jobs } from "../../../schema/tables/jobs";
import type { CustomerChangeCutoff } from "../../../schema/tables/tenants";
import { AppError, type FieldIssue, invalidFields, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { customerLabel, inboxAlertInsert } from "../activity/inbox";
import { formatWindow } from "../format";
import type { Me } from "../sign-in/audiences";
import type { Tenant } from "../tenant/tenant";
import type { ChangeRequestInput } from "./customer-change-input";
import { type CustomerJob, getCustomerJob } from "./customer-jobs";
import { type CustomerScope, mayBook, visibleJobs } from "./customer-scope";
import { cancelJob, finished, type JobChangeDeps, jobEditStatements } from "./job-changes";
import { changeLabel, FINISHED_STATUSES, type JobEditPlan, planJobEdit } from "./job-edits";
import { jobEventInsert } from "./job-events";

/**
 * How a contact may change a job now: `direct` (before the tenant's cutoff, the job changes),
 * `request` (after it, the dispatchers are asked) or `none` (a finished job, a role that only looks).
 */
export type ChangeMode = "direct" | "request" | "none";

/** The statuses in which a customer still changes the job themselves, per cutoff. */
const BEFORE_CUTOFF: Record<CustomerChangeCutoff, ReadonlySet<JobStatus>> = {
	en_route: new Set(["unassigned", "assigned"]),
	assigned: new Set(["unassigned"]),
	always_request: new Set(),
};

export function changeModeOf(cutoff: CustomerChangeCutoff, role: string, status: JobStatus): ChangeMode {
	if (!mayBook(role) || FINISHED_STATUSES.has(status)) return "none";
	return BEFORE_CUTOFF[cutoff].has(status) ? "direct" : "request";
}

/** Who changes what: the signed-in customer, their tenant, the jobs they see, the boards to tell. */
export type CustomerChange = {
	deps: JobChangeDeps;
	actor: Actor;
	me: Me;
	tenant: Tenant;
	scope: CustomerScope;
};

type JobRow = typeof jobs.$inferSelect;

/** A job the customer sees and may change (404 not theirs, 409 finished); the route's rule (`jobs.book`) refused the roles that only look. */
async function changeableJob(ch: CustomerChange, jobId: string) {
	const job = await ch.deps.db
		.select()
		.from(jobs)
		.where(and(eq(jobs.id, jobId), visibleJobs(ch.scope)))
		.get();
	if (!job) throw notFound("That job");
	if (FINISHED_STATUSES.has(job.status)) throw finished(job.status);
	return { job, mode: changeModeOf(ch.tenant.settings.customerChangeCutoff, ch.me.role, job.status) };
}

/** The dispatchers' inbox alert of a customer's change: "Bob (Hartwell) <verb> job #1032". */
function changeAlert(
	ch: CustomerChange,
	job: JobRow,
	kind: InboxAlertKind,
	verb: string,
	body: string | null,
) {
	return inboxAlertInsert(
		ch.deps.db,
		{
			tenantId: ch.actor.tenantId,
			kind,
			jobId: job.id,
			accountId: ch.me.accountId,
			contactId: ch.me.id,
			title: `${customerLabel(ch.me.name, ch.me.accountName)} ${verb} job #${job.number}`,
			body,
		},
		ch.deps.now,
	);
}

/**
 * A change asked for after the cutoff: the job stays as it is; the request lands in its
 * timeline, the dispatchers' inbox and the audit log in one batch.
 */
async function requestChange(
	ch: CustomerChange,
	job: JobRow,
	request: { verb: string; message: string; data: Record<string, unknown> },
) {
	const { db, live, now } = ch.deps;
	await db.batch([
		jobEventInsert(
			db,
			ch.actor,
			job.id,
			{ type: "change_requested", message: request.message, data: request.data },
			now,
		),
		changeAlert(ch, job, "customer_change_request", request.verb, request.message),
		auditBy(
			db,
			ch.actor,
			{ action: "job.change_requested", targetType: "job", targetId: job.id, data: request.data },
			now,
		),
	]);
	await live.publishUnreadAlerts(ch.actor.tenantId);
}

/**
 * A customer cancels their job. Before the cutoff it is cancelled (timeline, audit, board and an
 * inbox alert at once); after it the dispatchers are asked instead and the answer is 409 `past_cutoff`.
 */
export async function cancelCustomerJob(ch: CustomerChange, jobId: string, reason: string | undefined) {
	const { job, mode } = await changeableJob(ch, jobId);
	if (mode === "direct") {
		const alert = changeAlert(ch, job, "customer_cancelled", "cancelled", reason ?? null);
		await cancelJob(ch.deps, ch.actor, job.id, reason ?? null, [alert]);
		await ch.deps.live.publishUnreadAlerts(ch.actor.tenantId);
		return;
	}
	await requestChange(ch, job, {
		verb: "asked to cancel",
		message: reason ? `Asked to cancel: ${reason}` : "Asked to cancel",
		data: { cancel: true, reason: reason ?? null },
	});
	throw new AppError(
		409,
		"past_cutoff",
		`This job can no longer be cancelled here; we asked ${ch.tenant.name} to cancel it for you.`,
	);
}

const STOP_KINDS = ["pickup", "dropoff", "service"] as const;

/**
 * What a change request changes, checked like a booking: the window by the booking rules in the
 * tenant's zone, instructions only for the job's own stops. Issues name each field (`window.readyAt`).
 */
function planCustomerChange(
	job: JobRow,
	stops: Array<typeof jobStops.$inferSelect>,
	input: ChangeRequestInput,
	timeZone: string,
	now: number,
): JobEditPlan {
	const edit = planJobEdit(job, stops, { reference: undefined, ...input.window }, timeZone, now);
	const issues: FieldIssue[] = edit.ok
		? []
		: edit.issues.map((i) => ({ ...i, path: ["window", ...i.path], field: `window.${i.field}` }));
	const plan: JobEditPlan = edit.ok
		? edit.plan
		: { job: {}, stops: [], change: { before: {}, after: {} }, changed: [] };
	for (const kind of STOP_KINDS) {
		const text = input.instructions?.[kind];
		if (text === undefined) continue;
		const stop = stops.find((s) => s.kind === kind);
		if (!stop) {
			const field = `instructions.${kind}`;
			issues.push({ path: ["instructions", kind], field, message: "This job has no such stop." });
			continue;
		}
		if (stop.instructions === text) continue;
		const name = `${kind}Instructions`;
		plan.change.before[name] = stop.instructions;
		plan.change.after[name] = text;
		plan.changed.push(name);
		plan.stops.push({ id: stop.id, set: { instructions: text } });
	}
	if (issues.length) throw invalidFields(issues);
	return plan;
}

/** "time window to Wed, Dec 3, 9:00 – 11:00 AM EST; pickup instructions to “Ring twice”". */
function describeRequest(plan: JobEditPlan, timeZone: string): string {
	return plan.changed
		.map((name) => {
			const after = plan.change.after[name];
			const label = changeLabel(name);
			if (name === "window") {
				const w = after as { start: number; end: number };
				return `${label} to ${formatWindow(w.start, w.end, timeZone, "en")}`;
			}
			return after ? `${label} to “${after}”` : `${label} removed`;
		})
		.join("; ");
}

/**
 * A customer changes the window or the instructions of their job. Before the cutoff the job
 * changes (timeline, audit, board, inbox alert at once: `changed`); after it the dispatchers are
 * asked (`requested`). Nothing to change writes nothing (`unchanged`).
 */
export async function changeCustomerJob(
	ch: CustomerChange,
	jobId: string,
	input: ChangeRequestInput,
): Promise<"changed" | "requested" | "unchanged"> {
	const { db, live, now } = ch.deps;
	const { job, mode } = await changeableJob(ch, jobId);
	const stops = await db
		.select()
		.from(jobStops)
		.where(and(eq(jobStops.tenantId, ch.actor.tenantId), eq(jobStops.jobId, job.id)))
		.orderBy(jobStops.seq);
	const plan = planCustomerChange(job, stops, input, ch.tenant.timezone, now);
	if (!plan.changed.length) return "unchanged";
	const details = describeRequest(plan, ch.tenant.timezone);
	if (mode === "request") {
		await requestChange(ch, job, {
			verb: "asked to change",
			message: `Asked to change ${details}`,
			data: plan.change,
		});
		return "requested";
	}
	await db.batch([
		...jobEditStatements(db, ch.actor, job.id, plan, now),
		changeAlert(ch, job, "customer_changed", "changed", `Changed ${details}`),
	]);
	await Promise.all([
		live.publishJob(ch.actor.tenantId, job.id),
		live.publishUnreadAlerts(ch.actor.tenantId),
	]);
	return "changed";
}

/** The job as its page shows it, with what the contact may do to it now. */
export const withChangeMode = (job: CustomerJob, tenant: Tenant, role: string) => ({
	...job,
	changes: changeModeOf(tenant.settings.customerChangeCutoff, role, job.status),
});

/** One of the customer's jobs, read afresh after a change, with what they may do to it now. */
export async function customerJobView(ch: CustomerChange, jobId: string) {
	const job = await getCustomerJob(ch.deps.db, ch.scope, jobId);
	if (!job) throw notFound("That job");
	return withChangeMode(job, ch.tenant, ch.me.role);
}

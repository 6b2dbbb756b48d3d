import { and, desc, eq, inArray, isNotNull, lt, or } from "drizzle-orm";
import type { Locale } from "../../../schema/locales";
import { estimates } from "../../../schema/tables/billing";
import { invoices } from "../../../schema/tables/invoices";
import { jobs } from "../../../schema/tables/jobs";
import {
	type NotificationKind,
	notificationDeliveries,
	notifications,
} from "../../../schema/tables/notifications";
import { technicians } from "../../../schema/tables/staff";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { emailBrandingOf } from "../../email/branding";
import { jobProofEmail } from "../../email/templates/job-proof";
import { joinRequestEmail } from "../../email/templates/join-request";
import type { RenderedEmail } from "../../email/templates/layout";
import { invoicePaidEmail, paymentReceiptEmail } from "../../email/templates/payment-received";
import { stageEmail } from "../../email/templates/stage";
import type { SendEmail } from "../../email/types";
import { formatCalendarDay, formatMoney, formatWindow } from "../format";
import { newId } from "../ids";
import { dateTimeFormat } from "../intl-formats";
import { balanceMinor } from "../invoices/status";
import { createTrackingLink } from "../live/tracking-links";
import { type Tenant, toTenant } from "../tenant/tenant";
import {
	type NamedRecipient,
	type Recipient,
	recipientsOf,
	staffStageOfKind,
	stageOfKind,
} from "./recipients";
import { unsubscribeToken } from "./unsubscribe-token";

export type DeliverDeps = {
	db: Db;
	sendEmail: SendEmail;
	/** The HMAC secret of unsubscribe links. */
	unsubscribeSecret: string;
	/** Links' origin when the notification recorded none (the sweep, a cron job). */
	fallbackOrigin: string | null;
	now: () => number;
};

const JOB_STAGES = new Set<NotificationKind>([
	"booked",
	"scheduled",
	"on_the_way",
	"arriving",
	"paused",
	"completed",
	"cancelled",
	"not_completed",
]);

/** A delivery claimed for sending this long ago, never finished (a crashed consumer), may be claimed again. */
const STALE_SENDING_MS = 60_000;

/** The delivery's Resend idempotency key: one email per notification and recipient, however often it is tried. */
export const deliveryKey = (notificationId: string, emailNormalized: string) =>
	`notification/${notificationId}/${emailNormalized}`;

type Loaded = NonNullable<Awaited<ReturnType<typeof loadNotification>>>;

async function loadNotification(db: Db, notificationId: string) {
	const row = await db
		.select({ n: notifications, tenant: tenants })
		.from(notifications)
		.innerJoin(tenants, eq(tenants.id, notifications.tenantId))
		.where(eq(notifications.id, notificationId))
		.get();
	if (!row) return undefined;
	const { n } = row;
	const tenant = toTenant(row.tenant);
	const [job, estimate, invoice] = await Promise.all([
		n.jobId
			? db
					.select({ job: jobs, technician: technicians })
					.from(jobs)
					.leftJoin(
						technicians,
						and(eq(technicians.tenantId, jobs.tenantId), eq(technicians.id, jobs.technicianId)),
					)
					.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, n.jobId)))
					.get()
			: undefined,
		n.estimateId
			? db
					.select()
					.from(estimates)
					.where(and(eq(estimates.tenantId, tenant.id), eq(estimates.id, n.estimateId)))
					.get()
			: undefined,
		n.invoiceId
			? db
					.select()
					.from(invoices)
					.where(and(eq(invoices.tenantId, tenant.id), eq(invoices.id, n.invoiceId)))
					.get()
			: undefined,
	]);
	return { n, tenant, job, estimate, invoice };
}

/**
 * Writes the notification's deliveries once (one per recipient, `suppressed` where preferences
 * or the tenant's switches say so); a second run finds them and adds none. A delivery to send is
 * written already claimed (`sending`, its first attempt): the run whose insert wrote it owns it,
 * as a claim would (a second run's insert conflicts and writes nothing), so the first attempt
 * costs no claim's row. Answers the addresses this run claimed so.
 */
async function expand(db: Db, loaded: Loaded, now: number): Promise<Set<string>> {
	const { n, tenant } = loaded;
	const named: NamedRecipient[] = n.data.recipients ?? [];
	// Job stages go to the job's contacts; estimates and invoices to those named when shared.
	const jobId = JOB_STAGES.has(n.kind) ? n.jobId : null;
	const people = await recipientsOf(db, tenant, { kind: n.kind, jobId, named });
	if (!people.length) return new Set();
	const written = await db
		.insert(notificationDeliveries)
		.values(
			people.map((p) => ({
				id: newId("ndl"),
				tenantId: tenant.id,
				notificationId: n.id,
				jobId: n.jobId,
				email: p.email,
				emailNormalized: p.emailNormalized,
				contactId: p.contactId,
				staffId: p.staffId,
				state: p.suppressed ? ("suppressed" as const) : ("sending" as const),
				attempts: p.suppressed ? 0 : 1,
				lastError: p.suppressed,
				updatedAt: now,
				createdAt: now,
			})),
		)
		.onConflictDoNothing()
		.returning({
			emailNormalized: notificationDeliveries.emailNormalized,
			state: notificationDeliveries.state,
		});
	return new Set(written.filter((w) => w.state === "sending").map((w) => w.emailNormalized));
}

type Delivery = typeof notificationDeliveries.$inferSelect;

/**
 * Claims a delivery written by an earlier run: one not sent yet, or whose sending run went quiet
 * (a crashed consumer), so a second delivery of the same queue message finds it taken or sent.
 */
async function claimDelivery(db: Db, d: Delivery, now: number): Promise<boolean> {
	const claimed = await db
		.update(notificationDeliveries)
		.set({ state: "sending", attempts: d.attempts + 1, updatedAt: now })
		.where(
			and(
				eq(notificationDeliveries.tenantId, d.tenantId),
				eq(notificationDeliveries.notificationId, d.notificationId),
				eq(notificationDeliveries.emailNormalized, d.emailNormalized),
				or(
					inArray(notificationDeliveries.state, ["queued", "failed"]),
					and(
						eq(notificationDeliveries.state, "sending"),
						lt(notificationDeliveries.updatedAt, now - STALE_SENDING_MS),
					),
				),
			),
		)
		.returning({ id: notificationDeliveries.id });
	return claimed.length > 0;
}

/**
 * Delivers one notification: its deliveries are written once, then each one not yet sent is
 * claimed (so a second delivery of the same queue message finds it taken or sent) and emailed with
 * its idempotency key. Answers how many are still unsent; the caller lets the queue retry those.
 */
export async function deliverNotification(
	deps: DeliverDeps,
	notificationId: string,
): Promise<{ unsent: number }> {
	const { db } = deps;
	const loaded = await loadNotification(db, notificationId);
	if (!loaded) return { unsent: 0 };
	const claimedByInsert = await expand(db, loaded, deps.now());
	const pending = await unsentDeliveries(db, loaded.tenant.id, notificationId);
	let unsent = 0;
	for (const d of pending) {
		const now = deps.now();
		const claimed = claimedByInsert.has(d.emailNormalized) || (await claimDelivery(db, d, now));
		if (!claimed) continue;
		const recipient: Recipient = {
			email: d.email,
			emailNormalized: d.emailNormalized,
			contactId: d.contactId,
			staffId: d.staffId,
			locale: null,
			name: null,
			suppressed: null,
		};
		let delivered = false;
		let error: string | null = null;
		try {
			const email = await composeEmail(deps, loaded, recipient);
			delivered = (
				await deps.sendEmail({ ...email, idempotencyKey: deliveryKey(notificationId, d.emailNormalized) })
			).delivered;
			if (!delivered) error = "not delivered";
		} catch (err) {
			error = err instanceof Error ? err.message : String(err);
		}
		await db
			.update(notificationDeliveries)
			.set(
				delivered
					? { state: "sent", sentAt: deps.now(), updatedAt: deps.now(), lastError: null }
					: { state: "failed", lastError: error, updatedAt: deps.now() },
			)
			.where(
				and(
					eq(notificationDeliveries.tenantId, d.tenantId),
					eq(notificationDeliveries.notificationId, notificationId),
					eq(notificationDeliveries.emailNormalized, d.emailNormalized),
				),
			);
		if (!delivered) unsent++;
	}
	return { unsent };
}

const UNSENT = ["queued", "failed", "sending"] as const;

/**
 * A notification's deliveries not yet sent: one range of the table's key, which leads with the
 * tenant (without it, every delivery the shard ever made would be read).
 */
export const unsentDeliveries = (db: Db, tenantId: string, notificationId: string) =>
	db
		.select()
		.from(notificationDeliveries)
		.where(
			and(
				eq(notificationDeliveries.tenantId, tenantId),
				eq(notificationDeliveries.notificationId, notificationId),
				inArray(notificationDeliveries.state, [...UNSENT]),
			),
		);

/**
 * The queue gave up on the notification: its unsent deliveries stay `failed`, marked dead. The
 * message names the notification only: its tenant is read from it in the same statement.
 */
export const markNotificationDead = (db: Db, notificationId: string, now: number) =>
	db
		.update(notificationDeliveries)
		.set({ state: "failed", deadAt: now, updatedAt: now })
		.where(
			and(
				eq(
					notificationDeliveries.tenantId,
					db
						.select({ tenantId: notifications.tenantId })
						.from(notifications)
						.where(eq(notifications.id, notificationId)),
				),
				eq(notificationDeliveries.notificationId, notificationId),
				inArray(notificationDeliveries.state, [...UNSENT]),
			),
		);

const locale = (tenant: Tenant, r: { locale: Recipient["locale"] }) =>
	r.locale ?? tenant.settings.defaultLocale;

async function composeEmail(deps: DeliverDeps, loaded: Loaded, to: Recipient) {
	const { n, tenant, job, estimate, invoice } = loaded;
	const origin = n.origin ?? (await originOfRelated(deps.db, n)) ?? deps.fallbackOrigin;
	if (!origin) throw new Error("no origin for links (set APP_ORIGIN)");
	const person = to.contactId
		? await deps.db.query.contacts.findFirst({ where: (c, { eq: is }) => is(c.id, to.contactId as string) })
		: undefined;
	const member = to.staffId
		? await deps.db.query.staff.findFirst({ where: (s, { eq: is }) => is(s.id, to.staffId as string) })
		: undefined;
	const lang = locale(tenant, { locale: person?.locale ?? member?.locale ?? null });
	const portal = `${origin}/c/${tenant.slug}`;
	const hint = `?email=${encodeURIComponent(to.email)}`;
	const link = await linkFor(deps, n.kind, { origin, portal, hint, tenant, jobId: n.jobId, to, n });
	const stage = stageOfKind(n.kind);
	const unsubscribeUrl =
		stage && !staffStageOfKind(n.kind)
			? `${origin}/api/unsubscribe/${await unsubscribeToken(
					deps.unsubscribeSecret,
					to.contactId
						? { tenantId: tenant.id, stage, contactId: to.contactId }
						: { tenantId: tenant.id, stage, email: to.emailNormalized },
				)}`
			: null;
	const j = job?.job;
	const approvedPhoto = job?.technician?.photoUrl
		? new URL(job.technician.photoUrl, origin).toString()
		: null;
	const data = n.data;
	const rendered =
		ownEmail(loaded, { origin, lang, link }) ??
		stageEmail({
			...emailBrandingOf(tenant, origin),
			locale: lang,
			kind: n.kind,
			job: j?.number ?? null,
			reference: j?.reference ?? null,
			when:
				j && (n.kind === "booked" || n.kind === "scheduled") && j.windowStart
					? formatWindow(j.windowStart, j.windowEnd, tenant.timezone, lang)
					: null,
			technician: ["scheduled", "on_the_way", "arriving", "paused"].includes(n.kind)
				? (job?.technician?.name ?? null)
				: null,
			technicianPhotoUrl: n.kind === "on_the_way" ? approvedPhoto : null,
			stops:
				j && n.kind === "booked"
					? j.stopsSummary.map((s) => ({
							kind: s.kind,
							address: [s.line1, s.city].filter(Boolean).join(", "),
						}))
					: [],
			message: n.kind === "paused" ? (data.pausedMessage ?? j?.pausedMessage ?? null) : null,
			minutes: data.etaMinutes ?? null,
			number: invoice?.number ?? estimate?.number ?? null,
			amount: invoice
				? formatMoney(
						n.kind === "receipt" && data.amountMinor ? data.amountMinor : balanceMinor(invoice),
						invoice.currency,
						lang,
					)
				: estimate
					? formatMoney(estimate.totalMinor, estimate.currency, lang)
					: null,
			due: invoice && n.kind !== "receipt" ? formatCalendarDay(invoice.dueAt, lang) : null,
			summary: data.summary ?? null,
			supportPhone: tenant.supportPhone,
			link,
			unsubscribeUrl,
		});
	const headers: Record<string, string> = unsubscribeUrl
		? { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
		: {};
	return { tenantId: tenant.id, to: to.email, ...rendered, headers };
}

/** The kinds with an email of their own (a payment's details, a visit's outcome, a join request); null for the stage email. */
function ownEmail(
	{ n, tenant, job, invoice }: Loaded,
	x: { origin: string; lang: Locale; link: string },
): RenderedEmail | null {
	const brand = { ...emailBrandingOf(tenant, x.origin), locale: x.lang };
	const data = n.data;
	const day = (at: number, timeStyle?: "short") =>
		dateTimeFormat(x.lang, { timeZone: tenant.timezone, dateStyle: "long", timeStyle }).format(at);
	if ((n.kind === "receipt" || n.kind === "staff_payment") && invoice) {
		const facts = {
			...brand,
			number: invoice.number,
			amount: formatMoney(data.amountMinor ?? 0, data.currency ?? invoice.currency, x.lang),
			balance: formatMoney(data.balanceMinor ?? balanceMinor(invoice), invoice.currency, x.lang),
			paidOn: day(n.createdAt),
			reference: data.paymentRef ?? "",
			link: x.link,
		};
		return n.kind === "receipt"
			? paymentReceiptEmail(facts)
			: invoicePaidEmail({
					...facts,
					payer: data.payer ?? "A customer",
					paidInFull: data.balanceMinor === 0,
				});
	}
	if (n.kind === "not_completed" && job) {
		return jobProofEmail({
			...brand,
			jobNumber: job.job.number,
			kind: job.job.kind,
			when: day(n.createdAt, "short"),
			technicianName: data.technicianName ?? job.technician?.name ?? "",
			recipientName: null,
			failure: { reason: data.failureReason ?? "other", text: data.failureText ?? null },
			link: x.link,
		});
	}
	if (n.kind === "join_request" && data.requester) {
		return joinRequestEmail({ ...brand, ...data.requester, link: x.link });
	}
	return null;
}

/**
 * A notification recorded outside a request (the relay's "arriving soon", a reminder) links to the
 * origin its job's or invoice's earlier notifications used; APP_ORIGIN after that.
 */
async function originOfRelated(db: Db, n: Loaded["n"]): Promise<string | null> {
	const related = n.jobId
		? eq(notifications.jobId, n.jobId)
		: n.invoiceId
			? eq(notifications.invoiceId, n.invoiceId)
			: null;
	if (!related) return null;
	const row = await db
		.select({ origin: notifications.origin })
		.from(notifications)
		.where(and(eq(notifications.tenantId, n.tenantId), related, isNotNull(notifications.origin)))
		.orderBy(desc(notifications.createdAt))
		.limit(1)
		.get();
	return row?.origin ?? null;
}

async function linkFor(
	deps: DeliverDeps,
	kind: NotificationKind,
	x: {
		origin: string;
		portal: string;
		hint: string;
		tenant: Tenant;
		jobId: string | null;
		to: Recipient;
		n: Loaded["n"];
	},
): Promise<string> {
	const { n } = x;
	if (kind === "join_request") return `${x.portal}/account${x.hint}`;
	if (kind.startsWith("staff_")) {
		const console = `${x.origin}/d/${x.tenant.slug}`;
		if (n.invoiceId) return `${console}/invoices/${n.invoiceId}`;
		if (n.estimateId) return `${console}/estimates/${n.estimateId}`;
		return `${console}/jobs/${n.jobId}`;
	}
	if (n.invoiceId) return `${x.portal}/invoices/${n.invoiceId}${x.hint}`;
	if (n.estimateId) return `${x.portal}/estimates/${n.estimateId}${x.hint}`;
	if (!x.to.contactId && n.jobId) {
		// No portal account: the anonymous, read-only live view, which ends with the job.
		const link = await createTrackingLink(
			deps.db,
			{ tenantId: x.tenant.id, jobId: n.jobId, createdByType: "staff", createdById: "notifications" },
			deps.now(),
		);
		return `${x.origin}/track/${link.token}`;
	}
	return `${x.portal}/jobs/${n.jobId}${x.hint}${kind === "completed" ? "#survey" : ""}`;
}

/**
 * The deliveries of a job's notifications, newest first, for the console's job page: the job's
 * notifications by their index, then each one's deliveries by their key.
 */
export function jobDeliveries(db: Db, tenantId: string, jobId: string) {
	return (
		db
			.select({
				id: notificationDeliveries.id,
				kind: notifications.kind,
				email: notificationDeliveries.email,
				state: notificationDeliveries.state,
				attempts: notificationDeliveries.attempts,
				reason: notificationDeliveries.lastError,
				dead: notificationDeliveries.deadAt,
				sentAt: notificationDeliveries.sentAt,
				createdAt: notificationDeliveries.createdAt,
			})
			.from(notifications)
			// A CROSS JOIN keeps SQLite's order, notifications first: left to choose, the planner may
			// walk every delivery of the tenant by the key's first column instead.
			.crossJoin(notificationDeliveries)
			.where(
				and(
					eq(notifications.tenantId, tenantId),
					eq(notifications.jobId, jobId),
					eq(notificationDeliveries.tenantId, notifications.tenantId),
					eq(notificationDeliveries.notificationId, notifications.id),
				),
			)
			.orderBy(desc(notificationDeliveries.createdAt), notificationDeliveries.email)
	);
}

import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { accounts, contacts, locations } from "../../../schema/tables/accounts";
import {
	estimateApprovals,
	estimateComments,
	estimateEvents,
	estimates,
	estimateVersions,
	estimateViews,
	lineItems,
} from "../../../schema/tables/billing";
import { jobs } from "../../../schema/tables/jobs";
import { ChangeSummarySchema, type CustomerEstimate, type StaffEstimate } from "../../contracts/estimates";
import type { Db } from "../../db";
import { contactLocationIdsJson } from "../sign-in/identities";
import { iso, localDate } from "../time";
import { type EstimateReader, mayDecide } from "./access";
import { diffVersions, type VersionContent } from "./change-summary";
import { quantityOf } from "./quantity";
import { shareRecipients } from "./recipients";
import { estimateStatus, isExpired } from "./status";

export type EstimateRow = typeof estimates.$inferSelect;
type VersionRow = typeof estimateVersions.$inferSelect;
type LineRow = typeof lineItems.$inferSelect;

/**
 * The reads of one estimate with every version, its lines, the thread, the approval and the
 * activity, for one `db.batch`; `which` decides whose it may be (the tenant's, a contact's).
 */
export function estimateReads(db: Db, tenantId: string, estimateId: string, which: SQL) {
	const ofEstimate = <T extends { tenantId: unknown; estimateId: unknown }>(t: T) =>
		and(
			eq(t.tenantId as typeof estimates.tenantId, tenantId),
			eq(t.estimateId as typeof estimates.id, estimateId),
		);
	return [
		db
			.select({
				estimate: estimates,
				// Aliased: D1 batches return rows keyed by column name, so two `name`s would collide.
				accountName: sql<string | null>`${accounts.name}`.as("account_name"),
				contactName: sql<string | null>`${contacts.name}`.as("contact_name"),
				locationName: sql<string | null>`${locations.name}`.as("location_name"),
				jobNumber: sql<number | null>`${jobs.number}`.as("job_number"),
			})
			.from(estimates)
			.leftJoin(
				accounts,
				and(eq(accounts.id, estimates.accountId), eq(accounts.tenantId, estimates.tenantId)),
			)
			.leftJoin(
				contacts,
				and(eq(contacts.id, estimates.contactId), eq(contacts.tenantId, estimates.tenantId)),
			)
			.leftJoin(
				locations,
				and(eq(locations.id, estimates.locationId), eq(locations.tenantId, estimates.tenantId)),
			)
			.leftJoin(jobs, and(eq(jobs.id, estimates.jobId), eq(jobs.tenantId, estimates.tenantId)))
			.where(and(eq(estimates.id, estimateId), which))
			.limit(1),
		db
			.select()
			.from(estimateVersions)
			.where(ofEstimate(estimateVersions))
			.orderBy(asc(estimateVersions.version)),
		db.select().from(lineItems).where(ofEstimate(lineItems)).orderBy(asc(lineItems.seq)),
		db
			.select()
			.from(estimateComments)
			.where(ofEstimate(estimateComments))
			.orderBy(asc(estimateComments.createdAt), asc(estimateComments.id)),
		db.select().from(estimateApprovals).where(ofEstimate(estimateApprovals)).limit(1),
		db
			.select()
			.from(estimateEvents)
			.where(ofEstimate(estimateEvents))
			.orderBy(asc(estimateEvents.createdAt), asc(estimateEvents.id)),
	] as const;
}

type Reads = ReturnType<typeof estimateReads>;
/** What the batch answers for `estimateReads`, in order. */
export type EstimateRows = [
	Awaited<Reads[0]>,
	Awaited<Reads[1]>,
	Awaited<Reads[2]>,
	Awaited<Reads[3]>,
	Awaited<Reads[4]>,
	Awaited<Reads[5]>,
];

/** One version's content with its lines in order, as every workflow and view reads it. */
export type VersionData = Omit<VersionContent, "lines"> & {
	id: string;
	createdAt: number;
	createdBy: string | null;
	changeSummary: unknown;
	totals: {
		subtotalMinor: number;
		discountMinor: number;
		taxRateBps: number;
		taxMinor: number;
		totalMinor: number;
		optionalMinor: number;
	};
	lines: Array<VersionContent["lines"][number] & { seq: number }>;
};

/** The versions of an estimate, oldest first, each with its lines. */
export function versionsOf(versions: VersionRow[], lines: LineRow[]): VersionData[] {
	const byVersion = new Map<string, LineRow[]>();
	for (const line of lines) {
		if (!line.estimateVersionId) continue;
		const list = byVersion.get(line.estimateVersionId) ?? [];
		list.push(line);
		byVersion.set(line.estimateVersionId, list);
	}
	return versions.map((v) => ({
		id: v.id,
		version: v.version,
		title: v.title,
		discountMinor: v.discountMinor,
		taxRateBps: v.taxRateBps,
		expiresAt: v.expiresAt,
		notes: v.notes,
		terms: v.terms,
		createdAt: v.createdAt,
		createdBy: v.createdByLabel,
		changeSummary: v.changeSummary,
		totals: {
			subtotalMinor: v.subtotalMinor,
			discountMinor: v.discountMinor,
			taxRateBps: v.taxRateBps,
			taxMinor: v.taxMinor,
			totalMinor: v.totalMinor,
			optionalMinor: v.optionalMinor,
		},
		lines: (byVersion.get(v.id) ?? [])
			.sort((a, b) => a.seq - b.seq)
			.map((l) => ({
				id: l.lineId ?? l.id,
				seq: l.seq,
				description: l.description,
				quantityMilli: l.quantityMilli,
				unitPriceMinor: l.unitPriceMinor,
				totalMinor: l.totalMinor,
				optional: l.optional,
			})),
	}));
}

const lineView = (l: VersionData["lines"][number]) => ({
	id: l.id,
	seq: l.seq,
	description: l.description,
	quantity: quantityOf(l.quantityMilli),
	unitPriceMinor: l.unitPriceMinor,
	totalMinor: l.totalMinor,
	optional: l.optional,
});

function versionView(v: VersionData) {
	const parsed = v.changeSummary ? ChangeSummarySchema.safeParse(v.changeSummary) : null;
	return {
		version: v.version,
		title: v.title,
		lines: v.lines.map(lineView),
		totals: v.totals,
		notes: v.notes,
		terms: v.terms,
		expiresAt: iso(v.expiresAt),
		createdAt: new Date(v.createdAt).toISOString(),
		createdBy: v.createdBy,
		changes: parsed?.success ? parsed.data : null,
	};
}

/** The day an expiry instant (the end of a day in the tenant's zone) names. */
const expiryDay = (expiresAt: number | null, timeZone: string) =>
	expiresAt === null ? null : localDate(expiresAt - 1, timeZone);

type Core = Omit<CustomerEstimate, "canDecide" | "lastSeenVersion" | "changesSinceLastSeen">;

/** What the portal and the console both show of an estimate, from `estimateReads`; undefined when none. */
function toEstimateCore(
	[rows, versionRows, lineRows, comments, approvals, events]: Readonly<EstimateRows>,
	opts: { timeZone: string; now: number; audience: "customer" | "staff" },
): { core: Core; row: EstimateRow; versions: VersionData[] } | undefined {
	const found = rows[0];
	if (!found) return undefined;
	const e = found.estimate;
	const versions = versionsOf(versionRows, lineRows);
	const current = versions.find((v) => v.version === e.currentVersion) ?? versions[versions.length - 1];
	const status = estimateStatus(e, opts.now);
	const rejectedEvent = [...events].reverse().find((ev) => ev.type === "rejected");
	const approval = approvals[0];
	const core: Core = {
		id: e.id,
		number: e.number,
		title: e.title,
		status,
		currency: e.currency,
		version: e.currentVersion,
		subtotalMinor: e.subtotalMinor,
		discountMinor: e.discountMinor,
		taxRateBps: e.taxRateBps,
		taxMinor: e.taxMinor,
		totalMinor: e.totalMinor,
		optionalMinor: approval ? approval.totals.optionalMinor : (current?.totals.optionalMinor ?? 0),
		lines: current?.lines.map(lineView) ?? [],
		notes: current?.notes ?? null,
		terms: current?.terms ?? null,
		expiresAt: iso(e.expiresAt),
		expiresOn: expiryDay(e.expiresAt, opts.timeZone),
		account: { id: e.accountId, name: found.accountName ?? "" },
		contact: e.contactId ? { id: e.contactId, name: found.contactName ?? "" } : null,
		location: e.locationId ? { id: e.locationId, name: found.locationName ?? "" } : null,
		quoteRequestId: e.quoteRequestId,
		jobId: e.jobId,
		jobNumber: e.jobId ? found.jobNumber : null,
		sentAt: iso(e.sentAt),
		createdAt: new Date(e.createdAt).toISOString(),
		updatedAt: new Date(e.updatedAt).toISOString(),
		versions: versions.map(versionView),
		comments: comments.map((c) => ({
			id: c.id,
			authorType: c.authorType,
			authorName: c.authorName,
			body: c.body,
			lineItemId: c.lineItemId,
			version: c.version,
			createdAt: new Date(c.createdAt).toISOString(),
		})),
		approval: approval
			? {
					version: approval.version,
					signedName: approval.signedName,
					contact: { id: approval.contactId, name: approval.contactName, email: approval.contactEmail },
					approvedAt: new Date(approval.approvedAt).toISOString(),
					ip: approval.ip,
					optionalItemIds: approval.optionalItemIds,
					totals: approval.totals,
					contentSha256: approval.contentSha256,
				}
			: null,
		rejection:
			e.status === "rejected"
				? {
						reason: e.rejectionReason ?? "",
						by: rejectedEvent?.actorLabel ?? "",
						at: new Date(e.decidedAt ?? e.updatedAt).toISOString(),
					}
				: null,
		updateRequestedAt: iso(e.updateRequestedAt),
		activity: events
			.filter((ev) => opts.audience === "staff" || ev.visibleToCustomer)
			.map((ev) => ({
				type: ev.type,
				message: ev.message,
				actor: ev.actorLabel,
				version: ev.version,
				at: new Date(ev.createdAt).toISOString(),
			})),
	};
	return { core, row: e, versions };
}

/** The read of the version a contact last looked at, to run with `estimateReads`. */
export function lastSeenRead(db: Db, r: EstimateReader, estimateId: string) {
	return db
		.select({ version: estimateViews.version })
		.from(estimateViews)
		.where(
			and(
				eq(estimateViews.tenantId, r.tenantId),
				eq(estimateViews.estimateId, estimateId),
				eq(estimateViews.contactId, r.contactId),
			),
		)
		.limit(1);
}

/** The estimate as the portal shows it to `reader`; undefined when it is not theirs to see. */
export function toCustomerEstimate(
	rows: Readonly<EstimateRows>,
	lastSeen: Array<{ version: number }>,
	reader: EstimateReader,
	opts: { timeZone: string; now: number },
): CustomerEstimate | undefined {
	const built = toEstimateCore(rows, { ...opts, audience: "customer" });
	if (!built) return undefined;
	const { core, row, versions } = built;
	const seen = lastSeen[0]?.version ?? null;
	const from = seen === null ? undefined : versions.find((v) => v.version === seen);
	const to = versions.find((v) => v.version === row.currentVersion);
	return {
		...core,
		canDecide:
			mayDecide(reader) &&
			(row.status === "sent" || row.status === "changes_requested") &&
			!isExpired(row, opts.now),
		lastSeenVersion: seen,
		changesSinceLastSeen: from && to && from.version < to.version ? diffVersions(from, to) : null,
	};
}

/** The reads the console adds: the account's contacts (for the recipients) and who saw which version. */
export function staffExtraReads(db: Db, tenantId: string, estimateId: string) {
	const accountOf = sql`(SELECT account_id FROM estimates WHERE tenant_id = ${tenantId} AND id = ${estimateId})`;
	return [
		db
			.select({
				id: contacts.id,
				name: contacts.name,
				email: contacts.email,
				role: contacts.role,
				locationId: contacts.locationId,
				locationIdsJson: contactLocationIdsJson,
				blockedAt: contacts.blockedAt,
				locale: contacts.locale,
				notifyPrefs: contacts.notifyPrefs,
			})
			.from(contacts)
			.where(and(eq(contacts.tenantId, tenantId), sql`${contacts.accountId} = ${accountOf}`)),
		db
			.select({
				contactId: estimateViews.contactId,
				name: sql<string>`${contacts.name}`.as("seen_name"),
				version: estimateViews.version,
				seenAt: estimateViews.seenAt,
			})
			.from(estimateViews)
			.innerJoin(
				contacts,
				and(eq(contacts.tenantId, estimateViews.tenantId), eq(contacts.id, estimateViews.contactId)),
			)
			.where(and(eq(estimateViews.tenantId, tenantId), eq(estimateViews.estimateId, estimateId))),
	] as const;
}

type ExtraReads = ReturnType<typeof staffExtraReads>;
export type StaffExtraRows = [Awaited<ExtraReads[0]>, Awaited<ExtraReads[1]>];

/** The estimate as the console shows it; undefined when the tenant has no such estimate. */
export function toStaffEstimate(
	rows: Readonly<EstimateRows>,
	[accountContacts, seen]: Readonly<StaffExtraRows>,
	opts: { timeZone: string; now: number },
): StaffEstimate | undefined {
	const built = toEstimateCore(rows, { ...opts, audience: "staff" });
	if (!built) return undefined;
	return {
		...built.core,
		recipients: shareRecipients(built.row, accountContacts).map((c) => ({
			contactId: c.id,
			name: c.name,
			email: c.email,
			role: c.role,
		})),
		seenBy: seen.map((s) => ({
			contactId: s.contactId,
			name: s.name,
			version: s.version,
			at: new Date(s.seenAt).toISOString(),
		})),
	};
}

/** The estimate as the console shows it, in one D1 round trip. */
export async function loadStaffEstimate(
	db: Db,
	tenant: { id: string; timezone: string },
	estimateId: string,
	now = Date.now(),
): Promise<StaffEstimate | undefined> {
	const reads = estimateReads(db, tenant.id, estimateId, eq(estimates.tenantId, tenant.id));
	const extra = staffExtraReads(db, tenant.id, estimateId);
	const [a, b, c, d, e, f, g, h] = await db.batch([...reads, ...extra]);
	return toStaffEstimate([a, b, c, d, e, f], [g, h], { timeZone: tenant.timezone, now });
}

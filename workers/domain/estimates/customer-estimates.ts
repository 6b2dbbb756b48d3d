import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { EstimateStatus } from "../../../schema/estimate-values";
import { accounts, contacts } from "../../../schema/tables/accounts";
import { estimateApprovals, estimates, estimateViews } from "../../../schema/tables/billing";
import {
	type CustomerEstimate,
	CustomerEstimateSchema,
	type EstimateApproveInput,
	type EstimateCommentInput,
} from "../../contracts/estimates";
import type { Db } from "../../db";
import { AppError, type FieldIssue, invalidFields, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { estimateDecisionAlert } from "../activity/inbox";
import { newId } from "../ids";
import { unreadAlertsRead } from "../jobs/board";
import { type IdempotencyGate, writeOnce } from "../jobs/create-job-once";
import { decodeCursor, encodeCursor } from "../jobs/customer-jobs";
import type { LiveChannels } from "../live/live-jobs";
import { type NoticeLog, notificationInsert } from "../notifications/record";
import type { Me } from "../sign-in/audiences";
import type { Tenant } from "../tenant/tenant";
import { isUniqueViolation } from "../unique-violation";
import { webhookEventStatements } from "../webhooks/events";
import { type EstimateReader, estimateReaderOf, visibleEstimates, visibleEstimateWays } from "./access";
import { versionContentSha256 } from "./content";
import { type EstimateState, loadEstimateState } from "./estimate-state";
import { type EstimateRows, estimateReads, lastSeenRead, toCustomerEstimate } from "./estimate-view";
import { estimateExpired, eventInsert, versionChanged, whileEstimate } from "./estimate-writes";
import { checkPinnedLine, commentInsert, guardedBatch } from "./staff-estimates";
import { estimateStatus, isExpired, statusFilter } from "./status";
import { estimateTotals } from "./totals";

export type EstimateListFilters = {
	status?: EstimateStatus;
	from?: number;
	to?: number;
	cursor?: { createdAt: number; id: string };
	accountId?: string;
	locationId?: string;
	limit: number;
};

export { decodeCursor };

const listColumns = {
	id: estimates.id,
	number: estimates.number,
	title: estimates.title,
	status: estimates.status,
	currentVersion: estimates.currentVersion,
	currency: estimates.currency,
	totalMinor: estimates.totalMinor,
	expiresAt: estimates.expiresAt,
	accountId: estimates.accountId,
	accountName: sql<string | null>`${accounts.name}`.as("account_name"),
	contactId: estimates.contactId,
	contactName: sql<string | null>`${contacts.name}`.as("contact_name"),
	jobId: estimates.jobId,
	createdAt: estimates.createdAt,
	updatedAt: estimates.updatedAt,
};

/** The filters of a list as SQL, with the (createdAt, id) cursor kept a range on the index. */
function listFilters(f: EstimateListFilters, now: number): SQL[] {
	const filters: SQL[] = [];
	if (f.status) filters.push(statusFilter(f.status, now));
	if (f.from !== undefined) filters.push(gte(estimates.createdAt, f.from));
	if (f.to !== undefined) filters.push(lt(estimates.createdAt, f.to));
	if (f.accountId) filters.push(eq(estimates.accountId, f.accountId));
	if (f.locationId) filters.push(eq(estimates.locationId, f.locationId));
	if (f.cursor) {
		filters.push(
			sql`${estimates.createdAt} <= ${f.cursor.createdAt} AND (${estimates.createdAt} < ${f.cursor.createdAt} OR ${estimates.id} < ${f.cursor.id})`,
		);
	}
	return filters;
}

/**
 * The reads of a page of estimates, newest first, one per way they can be the reader's (see
 * `visibleEstimateWays`), each a range on its index limited to the page; `toEstimatePage`
 * merges them. Staff pass the one way "the tenant's".
 */
export function estimateListReads(db: Db, ways: SQL[], f: EstimateListFilters, now: number) {
	const filters = listFilters(f, now);
	return ways.map((way) =>
		db
			.select(listColumns)
			.from(estimates)
			.leftJoin(
				accounts,
				and(eq(accounts.id, estimates.accountId), eq(accounts.tenantId, estimates.tenantId)),
			)
			.leftJoin(
				contacts,
				and(eq(contacts.id, estimates.contactId), eq(contacts.tenantId, estimates.tenantId)),
			)
			.where(and(way, ...filters))
			.orderBy(desc(estimates.createdAt), desc(estimates.id))
			.limit(f.limit + 1),
	);
}

/** The portal's list reads for a contact. */
export const customerEstimateListReads = (
	db: Db,
	reader: EstimateReader,
	f: EstimateListFilters,
	now: number,
) => estimateListReads(db, visibleEstimateWays(reader), f, now);

type ListRow = Awaited<ReturnType<typeof estimateListReads>[number]>[number];

/** The page the list reads read: merged, each estimate once, and where the next page starts. */
export function toEstimatePage(branches: ReadonlyArray<readonly ListRow[]>, limit: number, now: number) {
	const seen = new Set<string>();
	const rows = branches
		.flat()
		.filter((r) => !seen.has(r.id) && seen.add(r.id))
		.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
		.slice(0, limit + 1);
	const page = rows.slice(0, limit);
	const last = page[page.length - 1];
	return {
		items: page.map((r) => ({
			id: r.id,
			number: r.number,
			title: r.title,
			status: estimateStatus(r, now),
			version: r.currentVersion,
			currency: r.currency,
			totalMinor: r.totalMinor,
			expiresAt: r.expiresAt === null ? null : new Date(r.expiresAt).toISOString(),
			account: { id: r.accountId, name: r.accountName ?? "" },
			contact: r.contactId ? { id: r.contactId, name: r.contactName ?? "" } : null,
			jobId: r.jobId,
			createdAt: new Date(r.createdAt).toISOString(),
			updatedAt: new Date(r.updatedAt).toISOString(),
		})),
		nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
	};
}

/** The reads of one estimate as the portal shows it to `reader`, for one `db.batch`. */
export function customerEstimateReads(db: Db, reader: EstimateReader, estimateId: string) {
	return [
		...estimateReads(db, reader.tenantId, estimateId, visibleEstimates(reader)),
		lastSeenRead(db, reader, estimateId),
	] as const;
}

export type CustomerEstimateRows = readonly [...EstimateRows, Awaited<ReturnType<typeof lastSeenRead>>];

/** The estimate from what `customerEstimateReads` read; undefined when it is not the reader's. */
export function customerEstimateOf(
	rows: Readonly<CustomerEstimateRows>,
	reader: EstimateReader,
	tenant: Pick<Tenant, "timezone">,
	now: number,
): CustomerEstimate | undefined {
	const [a, b, c, d, e, f, seen] = rows;
	return toCustomerEstimate([a, b, c, d, e, f], seen, reader, { timeZone: tenant.timezone, now });
}

async function loadCustomerEstimate(db: Db, reader: EstimateReader, tenant: Tenant, id: string, now: number) {
	const view = customerEstimateOf(await db.batch(customerEstimateReads(db, reader, id)), reader, tenant, now);
	if (!view) throw notFound("That estimate");
	return view;
}

/**
 * Records that a contact looked at the current version (once per version: the activity says
 * "Viewed by …" for the dispatcher), so their next look can say what changed since.
 */
/** The email to dispatchers who opted into estimate decisions, in the decision's batch. */
function decisionNotice(deps: CustomerDeps, tenantId: string, estimateId: string, summary: string) {
	return notificationInsert(
		deps.db,
		deps.notices,
		{ tenantId, kind: "staff_estimate_decision", estimateId, data: { summary } },
		deps.now,
	);
}

export async function recordEstimateSeen(
	db: Db,
	reader: EstimateReader,
	me: Pick<Me, "name">,
	estimate: Pick<CustomerEstimate, "id" | "version" | "lastSeenVersion">,
	now: number,
): Promise<void> {
	if (estimate.lastSeenVersion !== null && estimate.lastSeenVersion >= estimate.version) return;
	await db.batch([
		db
			.insert(estimateViews)
			.values({
				tenantId: reader.tenantId,
				estimateId: estimate.id,
				contactId: reader.contactId,
				version: estimate.version,
				seenAt: now,
			})
			.onConflictDoUpdate({
				target: [estimateViews.tenantId, estimateViews.estimateId, estimateViews.contactId],
				set: { version: sql`MAX(${estimateViews.version}, excluded.version)`, seenAt: now },
			}),
		eventInsert(
			db,
			{
				tenantId: reader.tenantId,
				estimateId: estimate.id,
				type: "viewed",
				actor: { type: "contact", id: reader.contactId, label: me.name },
				message: `Viewed version ${estimate.version}`,
				version: estimate.version,
				visibleToCustomer: false,
			},
			now,
		),
	]);
}

type CustomerDeps = { db: Db; now: number; live: LiveChannels; notices?: NoticeLog };

const contactOf = (me: Me) => ({
	id: me.id,
	name: me.name,
	accountId: me.accountId,
	accountName: me.accountName,
});

/** The explanation of a guarded write the estimate refused: what changed since we read it. */
async function whyRefused(db: Db, reader: EstimateReader, estimateId: string, now: number): Promise<Error> {
	const fresh = await loadEstimateState(db, reader.tenantId, estimateId, visibleEstimates(reader));
	return refusal(fresh, undefined, now) ?? versionChanged(fresh.row.currentVersion);
}

/** Why the customer may not answer this estimate now, or undefined when they may. */
function refusal(state: EstimateState, version: number | undefined, now: number): AppError | undefined {
	const { row } = state;
	if (row.jobId || row.status === "approved" || row.status === "rejected") {
		return new AppError(
			409,
			"already_decided",
			`This estimate was already ${row.jobId ? "approved and booked" : row.status}.`,
		);
	}
	if (isExpired(row, now)) return estimateExpired();
	if (version !== undefined && version !== row.currentVersion) return versionChanged(row.currentVersion);
	return undefined;
}

/** The guard of a decision: still undecided, on the version read, not expired, when the batch runs. */
const stillOpen = (version: number, now: number) =>
	sql`${estimates.currentVersion} = ${version} AND ${estimates.status} IN ('sent', 'changes_requested') AND ${estimates.jobId} IS NULL AND (${estimates.expiresAt} IS NULL OR ${estimates.expiresAt} > ${now})`;

/**
 * A customer approves the version they read, exactly once per Idempotency-Key (the key ledger
 * of `writeOnce`; a replay answers the same approval). Stores the typed name, the contact, the
 * time, the IP, the optional lines ticked and the SHA-256 of the exact version content, with the
 * activity entry, the dispatchers' alert and the audit entry, in one guarded atomic batch:
 * another version current by then is 409 `version_changed`, expiry 410 `expired`, a decision
 * already made (another key, another colleague) 409 `already_decided`.
 */
export async function approveEstimate(
	deps: CustomerDeps & { gate: IdempotencyGate; actor: Actor },
	tenant: Tenant,
	me: Me,
	estimateId: string,
	key: string,
	input: EstimateApproveInput,
): Promise<{ estimate: CustomerEstimate; replayed: boolean }> {
	const { db, now, actor } = deps;
	const reader = estimateReaderOf(tenant.id, me);
	const view = () => loadCustomerEstimate(db, reader, tenant, estimateId, now);
	const { job, replayed } = await writeOnce({
		gate: deps.gate,
		ownerId: me.id,
		key,
		body: { estimateId, ...input },
		answer: CustomerEstimateSchema,
		noun: "approval",
		status: 200,
		now,
		findByKey: async (scopedKey) => {
			const found = await db
				.select({ id: estimateApprovals.id })
				.from(estimateApprovals)
				.where(
					and(eq(estimateApprovals.tenantId, tenant.id), eq(estimateApprovals.idempotencyKey, scopedKey)),
				)
				.get();
			return found ? view() : undefined;
		},
		write: async (scopedKey) => {
			const state = await loadEstimateState(db, tenant.id, estimateId, visibleEstimates(reader));
			const refused = refusal(state, input.version, now);
			if (refused) throw refused;
			const { row, current } = state;
			const optional = new Set(current.lines.filter((l) => l.optional).map((l) => l.id));
			const issues: FieldIssue[] = input.optionalItemIds
				.map((id, i) => ({ id, i }))
				.filter(({ id }) => !optional.has(id))
				.map(({ i }) => ({
					path: ["optionalItemIds", i],
					field: `optionalItemIds.${i}`,
					message: "That is not an optional line of this version.",
				}));
			if (issues.length) throw invalidFields(issues);
			const selected = [...new Set(input.optionalItemIds)];
			const totals = estimateTotals(current.lines, current, selected);
			const statements: BatchItem<"sqlite">[] = [
				db.insert(estimateApprovals).values({
					id: newId("apr"),
					tenantId: tenant.id,
					estimateId,
					// Guarded: NULL, and the whole batch refused, unless this version is still open.
					version: whileEstimate(
						tenant.id,
						estimateId,
						stillOpen(row.currentVersion, now),
						sql`${estimates.currentVersion}`,
					),
					contactId: me.id,
					contactName: me.name,
					contactEmail: me.email,
					signedName: input.signedName,
					ip: actor.meta.ip ?? null,
					userAgent: actor.meta.userAgent ?? null,
					optionalItemIds: selected,
					totals,
					contentSha256: await versionContentSha256(row, current),
					idempotencyKey: scopedKey,
					approvedAt: now,
				}),
				db
					.update(estimates)
					.set({
						status: "approved",
						decidedAt: now,
						decidedByContactId: me.id,
						subtotalMinor: totals.subtotalMinor,
						discountMinor: totals.discountMinor,
						taxMinor: totals.taxMinor,
						totalMinor: totals.totalMinor,
						updatedAt: now,
					})
					.where(and(eq(estimates.tenantId, tenant.id), eq(estimates.id, estimateId))),
				eventInsert(
					db,
					{
						tenantId: tenant.id,
						estimateId,
						type: "approved",
						actor: { type: "contact", id: me.id, label: me.name },
						message: `Approved version ${row.currentVersion} as "${input.signedName}"`,
						version: row.currentVersion,
						data: { optionalItemIds: selected, totalMinor: totals.totalMinor },
					},
					now,
				),
				estimateDecisionAlert(
					db,
					{
						tenantId: tenant.id,
						estimateId,
						number: row.number,
						decision: "approved",
						contact: contactOf(me),
					},
					now,
				),
				auditBy(
					db,
					actor,
					{
						action: "estimate.approved",
						targetType: "estimate",
						targetId: estimateId,
						data: {
							version: row.currentVersion,
							signedName: input.signedName,
							totalMinor: totals.totalMinor,
						},
					},
					now,
				),
				...webhookEventStatements(
					db,
					tenant.id,
					"estimate.approved",
					{
						id: estimateId,
						number: row.number,
						version: row.currentVersion,
						accountId: row.accountId,
						contactId: me.id,
						signedName: input.signedName,
						totalMinor: totals.totalMinor,
						currency: row.currency,
					},
					now,
				),
				decisionNotice(deps, tenant.id, estimateId, `${me.name} approved estimate #${row.number}.`),
			];
			try {
				await guardedBatch(db, statements, () => whyRefused(db, reader, estimateId, now));
			} catch (err) {
				// UNIQUE(tenant, estimate): someone approved first, with another key; or ours, the D1 backstop.
				if (isUniqueViolation(err)) {
					const ours = await db
						.select({ id: estimateApprovals.id })
						.from(estimateApprovals)
						.where(
							and(
								eq(estimateApprovals.tenantId, tenant.id),
								eq(estimateApprovals.idempotencyKey, scopedKey ?? ""),
							),
						)
						.get();
					if (ours) throw err;
					throw await whyRefused(db, reader, estimateId, now);
				}
				throw err;
			}
			const [unread] = await unreadAlertsRead(db, tenant.id);
			return { job: await view(), publish: [{ type: "alert", unread: unread?.n ?? 0 }] };
		},
	});
	return { estimate: job, replayed };
}

/** A customer rejects the estimate with a reason; the dispatchers are alerted. */
export async function rejectEstimate(
	deps: CustomerDeps & { actor: Actor },
	tenant: Tenant,
	me: Me,
	estimateId: string,
	reason: string,
): Promise<CustomerEstimate> {
	const { db, now, actor } = deps;
	const reader = estimateReaderOf(tenant.id, me);
	const state = await loadEstimateState(db, tenant.id, estimateId, visibleEstimates(reader));
	const refused = refusal(state, undefined, now);
	if (refused) throw refused;
	const { row } = state;
	await guardedBatch(
		db,
		[
			eventInsert(
				db,
				{
					tenantId: tenant.id,
					estimateId,
					type: "rejected",
					actor: { type: "contact", id: me.id, label: me.name },
					message: whileEstimate(
						tenant.id,
						estimateId,
						stillOpen(row.currentVersion, now),
						`Rejected version ${row.currentVersion}`,
					),
					version: row.currentVersion,
					data: { reason },
				},
				now,
			),
			db
				.update(estimates)
				.set({
					status: "rejected",
					decidedAt: now,
					decidedByContactId: me.id,
					rejectionReason: reason,
					updatedAt: now,
				})
				.where(and(eq(estimates.tenantId, tenant.id), eq(estimates.id, estimateId))),
			estimateDecisionAlert(
				db,
				{
					tenantId: tenant.id,
					estimateId,
					number: row.number,
					decision: "rejected",
					contact: contactOf(me),
					comment: reason,
				},
				now,
			),
			auditBy(
				db,
				actor,
				{
					action: "estimate.rejected",
					targetType: "estimate",
					targetId: estimateId,
					data: { version: row.currentVersion, reason },
				},
				now,
			),
			decisionNotice(deps, tenant.id, estimateId, `${me.name} rejected estimate #${row.number}.`),
		],
		() => whyRefused(db, reader, estimateId, now),
	);
	await deps.live.publishUnreadAlerts(tenant.id);
	return loadCustomerEstimate(db, reader, tenant, estimateId, now);
}

/**
 * A customer's comment in the estimate's thread, optionally pinned to a line of any version. On
 * an estimate awaiting them it is a change request: the status becomes `changes_requested`.
 * Either way the dispatchers are alerted and the comment audited.
 */
export async function commentOnEstimate(
	deps: CustomerDeps & { actor: Actor },
	tenant: Tenant,
	me: Me,
	estimateId: string,
	input: EstimateCommentInput,
) {
	const { db, now, actor } = deps;
	const reader = estimateReaderOf(tenant.id, me);
	const state = await loadEstimateState(db, tenant.id, estimateId, visibleEstimates(reader));
	const { row } = state;
	const comment = commentInsert(
		db,
		{
			tenantId: tenant.id,
			estimateId,
			author: { type: "contact", id: me.id, name: me.name },
			body: input.body,
			lineItemId: checkPinnedLine(state, input.lineItemId),
			version: row.currentVersion,
		},
		now,
	);
	const asksForChanges = row.status === "sent" && !isExpired(row, now);
	const statements: BatchItem<"sqlite">[] = [
		comment.statement,
		db
			.update(estimates)
			.set({ status: asksForChanges ? "changes_requested" : row.status, updatedAt: now })
			.where(and(eq(estimates.tenantId, tenant.id), eq(estimates.id, estimateId))),
		estimateDecisionAlert(
			db,
			{
				tenantId: tenant.id,
				estimateId,
				number: row.number,
				decision:
					row.status === "sent" || row.status === "changes_requested" ? "changes_requested" : "commented",
				contact: contactOf(me),
				comment: input.body,
			},
			now,
		),
		auditBy(
			db,
			actor,
			{
				action: asksForChanges ? "estimate.changes_requested" : "estimate.commented",
				targetType: "estimate",
				targetId: estimateId,
				data: { commentId: comment.id, lineItemId: comment.view.lineItemId, version: row.currentVersion },
			},
			now,
		),
	];
	if (asksForChanges) {
		statements.push(
			...webhookEventStatements(
				db,
				tenant.id,
				"estimate.changes_requested",
				{
					id: estimateId,
					number: row.number,
					version: row.currentVersion,
					accountId: row.accountId,
					contactId: me.id,
					comment: input.body,
				},
				now,
			),
			eventInsert(
				db,
				{
					tenantId: tenant.id,
					estimateId,
					type: "changes_requested",
					actor: { type: "contact", id: me.id, label: me.name },
					message: `Asked for changes to version ${row.currentVersion}`,
					version: row.currentVersion,
				},
				now,
			),
		);
	}
	await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
	await deps.live.publishUnreadAlerts(tenant.id);
	return comment.view;
}

/**
 * "Ask for an updated estimate" on an expired one: one inbox alert per version however often it
 * is tapped, recorded on the estimate; 409 `not_expired` while it can still be answered.
 */
export async function requestUpdatedEstimate(
	deps: CustomerDeps & { actor: Actor },
	tenant: Tenant,
	me: Me,
	estimateId: string,
	message: string | undefined,
): Promise<CustomerEstimate> {
	const { db, now, actor } = deps;
	const reader = estimateReaderOf(tenant.id, me);
	const state = await loadEstimateState(db, tenant.id, estimateId, visibleEstimates(reader));
	const { row } = state;
	if (!isExpired(row, now)) {
		throw new AppError(409, "not_expired", "This estimate has not expired; you can still answer it.");
	}
	if (row.updateRequestedVersion !== row.currentVersion) {
		await db.batch([
			db
				.update(estimates)
				.set({ updateRequestedAt: now, updateRequestedVersion: row.currentVersion, updatedAt: now })
				.where(and(eq(estimates.tenantId, tenant.id), eq(estimates.id, estimateId))),
			eventInsert(
				db,
				{
					tenantId: tenant.id,
					estimateId,
					type: "update_requested",
					actor: { type: "contact", id: me.id, label: me.name },
					message: "Asked for an updated estimate",
					version: row.currentVersion,
					data: message ? { message } : null,
				},
				now,
			),
			estimateDecisionAlert(
				db,
				{
					tenantId: tenant.id,
					estimateId,
					number: row.number,
					decision: "update_requested",
					contact: contactOf(me),
					comment: message ?? null,
				},
				now,
			),
			auditBy(
				db,
				actor,
				{
					action: "estimate.update_requested",
					targetType: "estimate",
					targetId: estimateId,
					data: { version: row.currentVersion },
				},
				now,
			),
		]);
		await deps.live.publishUnreadAlerts(tenant.id);
	}
	return loadCustomerEstimate(db, reader, tenant, estimateId, now);
}

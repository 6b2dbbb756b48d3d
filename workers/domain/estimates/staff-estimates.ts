import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { accounts, contacts, locations } from "../../../schema/tables/accounts";
import {
	estimateComments,
	estimates,
	estimateVersions,
	lineItems,
	quoteRequests,
} from "../../../schema/tables/billing";
import type {
	EstimateCommentInput,
	EstimateCreateInput,
	EstimateUpdateInput,
	StaffEstimate,
} from "../../contracts/estimates";
import type { Db } from "../../db";
import { AppError, type FieldIssue, fieldInvalid, invalidFields } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { newId } from "../ids";
import { type NoticeLog, notificationInsert } from "../notifications/record";
import { nextNumber } from "../numbering";
import type { Tenant } from "../tenant/tenant";
import { isNotNullViolation } from "../unique-violation";
import { changedAnything, diffVersions } from "./change-summary";
import { type EstimateState, loadEstimateState } from "./estimate-state";
import { loadStaffEstimate, staffExtraReads } from "./estimate-view";
import {
	contentOrThrow,
	type EventActor,
	eventInsert,
	headlineOf,
	lineInserts,
	versionChanged,
	versionInsert,
	whileEstimate,
} from "./estimate-writes";
import { shareRecipients } from "./recipients";
import { isExpired } from "./status";

type Deps = { db: Db; now: number; notices?: NoticeLog };

const staffActor = (actor: Actor): EventActor => ({ type: "staff", id: actor.id, label: actor.label });

const issue = (field: string, message: string): FieldIssue => ({ path: field.split("."), field, message });

/** The estimate as the console shows it after a write. */
async function answer(db: Db, tenant: Tenant, id: string, now: number): Promise<StaffEstimate> {
	const view = await loadStaffEstimate(db, tenant, id, now);
	if (!view) throw new Error(`estimate ${id} not readable after writing it`);
	return view;
}

/**
 * Checks that the contact, location and quote request an estimate names belong to its account
 * (and tenant); issues name each field.
 */
async function checkParties(
	db: Db,
	tenantId: string,
	accountId: string,
	wanted: { contactId?: string | null; locationId?: string | null; quoteRequestId?: string },
	accountChecked: boolean,
): Promise<void> {
	const [account, contact, location, request] = await db.batch([
		db
			.select({ id: accounts.id })
			.from(accounts)
			.where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId))),
		db
			.select({ id: contacts.id })
			.from(contacts)
			.where(
				and(
					eq(contacts.tenantId, tenantId),
					eq(contacts.accountId, accountId),
					eq(contacts.id, wanted.contactId ?? ""),
				),
			),
		db
			.select({ id: locations.id })
			.from(locations)
			.where(
				and(
					eq(locations.tenantId, tenantId),
					eq(locations.accountId, accountId),
					eq(locations.id, wanted.locationId ?? ""),
				),
			),
		db
			.select({ id: quoteRequests.id, accountId: quoteRequests.accountId })
			.from(quoteRequests)
			.where(and(eq(quoteRequests.tenantId, tenantId), eq(quoteRequests.id, wanted.quoteRequestId ?? ""))),
	]);
	const issues: FieldIssue[] = [];
	if (!accountChecked && !account[0]) issues.push(issue("accountId", "Choose one of your accounts."));
	if (wanted.contactId && !contact[0]) issues.push(issue("contactId", "Choose a contact of this account."));
	if (wanted.locationId && !location[0])
		issues.push(issue("locationId", "Choose a location of this account."));
	if (
		wanted.quoteRequestId &&
		(!request[0] || (request[0].accountId && request[0].accountId !== accountId))
	) {
		issues.push(issue("quoteRequestId", "Choose a quote request of this account."));
	}
	if (issues.length) throw invalidFields(issues);
}

/**
 * A new draft for an account: version 1 with its lines and totals (computed here), the
 * activity's first entry and the audit entry, in one atomic batch. Only the console sees it
 * until it is shared.
 */
export async function createEstimate(
	deps: Deps,
	tenant: Tenant,
	actor: Actor,
	input: EstimateCreateInput,
): Promise<StaffEstimate> {
	const { db, now } = deps;
	const content = contentOrThrow(input, {
		defaultTaxRateBps: tenant.settings.taxRateBps,
		timeZone: tenant.timezone,
		now,
	});
	await checkParties(db, tenant.id, input.accountId, input, false);
	const estimateId = newId("est");
	const versionId = newId("ver");
	const statements: BatchItem<"sqlite">[] = [
		db.insert(estimates).values({
			id: estimateId,
			tenantId: tenant.id,
			number: nextNumber(estimates, estimates, tenant.id, 100),
			accountId: input.accountId,
			contactId: input.contactId ?? null,
			locationId: input.locationId ?? null,
			quoteRequestId: input.quoteRequestId ?? null,
			status: "draft",
			currency: tenant.currency,
			currentVersion: 1,
			...headlineOf(content),
			createdById: actor.id,
			createdAt: now,
			updatedAt: now,
		}),
		versionInsert(db, {
			tenantId: tenant.id,
			estimateId,
			versionId,
			version: 1,
			content,
			changeSummary: null,
			createdBy: actor,
			now,
		}),
		...lineInserts(db, { tenantId: tenant.id, estimateId, versionId }, content),
		eventInsert(
			db,
			{
				tenantId: tenant.id,
				estimateId,
				type: "created",
				actor: staffActor(actor),
				message: "Draft created",
				version: 1,
				visibleToCustomer: false,
			},
			now,
		),
		auditBy(
			db,
			actor,
			{
				action: "estimate.created",
				targetType: "estimate",
				targetId: estimateId,
				data: {
					accountId: input.accountId,
					totalMinor: content.totals.totalMinor,
					quoteRequestId: input.quoteRequestId,
				},
			},
			now,
		),
	];
	await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
	return answer(db, tenant, estimateId, now);
}

/** 409 for an estimate whose approval is final: what was signed is never edited. */
function refuseDecided(state: EstimateState): void {
	if (state.row.jobId || state.row.status === "approved") {
		throw new AppError(
			409,
			"already_decided",
			"This estimate was approved; what the customer approved cannot be changed. Make a new estimate instead.",
		);
	}
}

/**
 * Saves the whole content again. A draft is edited in place; once shared, the save is a new
 * version with the change summary derived here (lines added, removed, repriced, quantity
 * changed; totals before and after), back to `sent` for the customer to answer. A save that
 * changes nothing makes no version. Approved estimates are final (409); `baseVersion` other
 * than the current one is 409 `version_changed`, and so is a concurrent decision or revision
 * that lands between our read and our write (the batch is guarded, see `whileEstimate`).
 */
export async function reviseEstimate(
	deps: Deps,
	tenant: Tenant,
	actor: Actor,
	estimateId: string,
	input: EstimateUpdateInput,
): Promise<StaffEstimate> {
	const { db, now } = deps;
	const state = await loadEstimateState(db, tenant.id, estimateId);
	const { row, current } = state;
	refuseDecided(state);
	if (input.baseVersion !== undefined && input.baseVersion !== row.currentVersion) {
		throw versionChanged(row.currentVersion);
	}
	const content = contentOrThrow(input, {
		defaultTaxRateBps: row.taxRateBps,
		timeZone: tenant.timezone,
		now,
		knownLineIds: new Set(current.lines.map((l) => l.id)),
		currentExpiresAt: row.expiresAt,
	});
	const contactId = input.contactId === undefined ? row.contactId : input.contactId;
	const locationId = input.locationId === undefined ? row.locationId : input.locationId;
	await checkParties(db, tenant.id, row.accountId, { contactId, locationId }, true);
	const parties = { contactId, locationId };
	const who = staffActor(actor);
	const ids = { tenantId: tenant.id, estimateId };
	const statements: BatchItem<"sqlite">[] = [];
	let version = row.currentVersion;
	if (row.status === "draft") {
		statements.push(
			// Guarded: a draft shared meanwhile is not edited in place.
			eventInsert(
				db,
				{
					...ids,
					type: "edited",
					actor: who,
					message: whileEstimate(tenant.id, estimateId, eq(estimates.status, "draft"), "Draft edited"),
					version,
					visibleToCustomer: false,
				},
				now,
			),
			db
				.update(estimateVersions)
				.set({
					title: content.title,
					subtotalMinor: content.totals.subtotalMinor,
					discountMinor: content.totals.discountMinor,
					taxRateBps: content.taxRateBps,
					taxMinor: content.totals.taxMinor,
					totalMinor: content.totals.totalMinor,
					optionalMinor: content.totals.optionalMinor,
					notes: content.notes,
					terms: content.terms,
					expiresAt: content.expiresAt,
					updatedAt: now,
				})
				.where(and(eq(estimateVersions.tenantId, tenant.id), eq(estimateVersions.id, current.id))),
			db
				.delete(lineItems)
				.where(and(eq(lineItems.tenantId, tenant.id), eq(lineItems.estimateVersionId, current.id))),
			...lineInserts(db, { ...ids, versionId: current.id }, content),
			db
				.update(estimates)
				.set({ ...headlineOf(content), ...parties, updatedAt: now })
				.where(and(eq(estimates.tenantId, tenant.id), eq(estimates.id, estimateId))),
		);
	} else {
		version = row.currentVersion + 1;
		const summary = diffVersions(current, { ...content, version });
		const partiesChanged = contactId !== row.contactId || locationId !== row.locationId;
		if (!changedAnything(summary) && !partiesChanged) return answer(db, tenant, estimateId, now);
		const versionId = newId("ver");
		statements.push(
			versionInsert(db, {
				...ids,
				versionId,
				// Guarded: NULL (and the batch refused) unless the version we read is still current and undecided.
				version: whileEstimate(
					tenant.id,
					estimateId,
					sql`${estimates.currentVersion} = ${row.currentVersion} AND ${estimates.status} NOT IN ('draft', 'approved') AND ${estimates.jobId} IS NULL`,
					sql`${estimates.currentVersion} + 1`,
				),
				content,
				changeSummary: summary,
				createdBy: actor,
				now,
			}),
			...lineInserts(db, { ...ids, versionId }, content),
			db
				.update(estimates)
				.set({
					...headlineOf(content),
					...parties,
					currentVersion: version,
					status: "sent",
					decidedAt: null,
					decidedByContactId: null,
					rejectionReason: null,
					updatedAt: now,
				})
				.where(and(eq(estimates.tenantId, tenant.id), eq(estimates.id, estimateId))),
			eventInsert(
				db,
				{
					...ids,
					type: "revised",
					actor: who,
					message: `Version ${version}`,
					version,
					data: { summary },
				},
				now,
			),
		);
	}
	statements.push(
		auditBy(
			db,
			actor,
			{
				action: "estimate.revised",
				targetType: "estimate",
				targetId: estimateId,
				data: { version, totalMinor: content.totals.totalMinor, inPlace: row.status === "draft" },
			},
			now,
		),
	);
	await guardedBatch(db, statements, async () => {
		const fresh = await loadEstimateState(db, tenant.id, estimateId);
		refuseDecided(fresh);
		return versionChanged(fresh.row.currentVersion);
	});
	return answer(db, tenant, estimateId, now);
}

/**
 * Runs a guarded batch (see `whileEstimate`); when a guard refused it, nothing was written and
 * `explain` says why (the estimate moved on) as the error to answer.
 */
export async function guardedBatch(
	db: Db,
	statements: BatchItem<"sqlite">[],
	explain: () => Promise<Error>,
): Promise<void> {
	try {
		await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
	} catch (err) {
		if (!isNotNullViolation(err)) throw err;
		throw await explain();
	}
}

/**
 * Shares the estimate to the portal: a draft becomes `sent`; a shared one is sent again (a
 * reminder). Decided or expired estimates are refused (409): revise them first. Answers who
 * the caller should email (`shareRecipients`); the email itself is the route's, after the answer.
 */
export async function shareEstimate(deps: Deps, tenant: Tenant, actor: Actor, estimateId: string) {
	const { db, now } = deps;
	const state = await loadEstimateState(db, tenant.id, estimateId);
	const { row } = state;
	refuseDecided(state);
	if (row.status === "rejected") {
		throw new AppError(
			409,
			"already_decided",
			"The customer rejected this estimate. Revise it to send a new version.",
		);
	}
	if (isExpired(row, now) || (row.expiresAt !== null && row.expiresAt <= now)) {
		throw new AppError(
			409,
			"expired",
			"This estimate has expired. Set a later expiry date before sharing it.",
		);
	}
	const first = row.status === "draft";
	const recipients = shareRecipients(row, await staffExtraReads(db, tenant.id, estimateId)[0]);
	await guardedBatch(
		db,
		[
			eventInsert(
				db,
				{
					tenantId: tenant.id,
					estimateId,
					type: first ? "shared" : "reshared",
					actor: staffActor(actor),
					message: whileEstimate(
						tenant.id,
						estimateId,
						sql`${estimates.status} IN ('draft', 'sent', 'changes_requested') AND ${estimates.jobId} IS NULL`,
						first ? "Shared to the portal" : "Sent again",
					),
					version: row.currentVersion,
					data: { recipients: recipients.map((r) => r.email) },
				},
				now,
			),
			db
				.update(estimates)
				.set({ status: first ? "sent" : row.status, sentAt: now, updatedAt: now })
				.where(and(eq(estimates.tenantId, tenant.id), eq(estimates.id, estimateId))),
			auditBy(
				db,
				actor,
				{
					action: "estimate.shared",
					targetType: "estimate",
					targetId: estimateId,
					data: { version: row.currentVersion, recipients: recipients.map((r) => r.email), again: !first },
				},
				now,
			),
			notificationInsert(
				db,
				deps.notices,
				{
					tenantId: tenant.id,
					kind: "estimate",
					estimateId,
					data: { recipients: recipients.map((r) => ({ email: r.email, contactId: r.id })) },
				},
				now,
			),
		],
		async () => new AppError(409, "already_decided", "This estimate was decided meanwhile. Reload it."),
	);
	return { estimate: await answer(db, tenant, estimateId, now), recipients };
}

/** The line a comment is pinned to, checked: any line of any version of the estimate. */
export function checkPinnedLine(state: EstimateState, lineItemId: string | undefined): string | null {
	if (lineItemId === undefined) return null;
	if (!state.lineIds.has(lineItemId))
		throw fieldInvalid(["lineItemId"], "That line is not on this estimate.");
	return lineItemId;
}

/** The insert of one comment of the thread. */
export function commentInsert(
	db: Db,
	c: {
		tenantId: string;
		estimateId: string;
		author: { type: "contact" | "staff"; id: string; name: string };
		body: string;
		lineItemId: string | null;
		version: number;
	},
	now: number,
) {
	const id = newId("ecm");
	return {
		id,
		statement: db.insert(estimateComments).values({
			id,
			tenantId: c.tenantId,
			estimateId: c.estimateId,
			authorType: c.author.type,
			authorId: c.author.id,
			authorName: c.author.name,
			body: c.body,
			lineItemId: c.lineItemId,
			version: c.version,
			createdAt: now,
		}),
		view: {
			id,
			authorType: c.author.type,
			authorName: c.author.name,
			body: c.body,
			lineItemId: c.lineItemId,
			version: c.version,
			createdAt: new Date(now).toISOString(),
		},
	};
}

/** A dispatcher's reply in the estimate's thread, audited; drafts included (notes to self). */
export async function replyToEstimate(
	deps: Deps,
	tenant: Tenant,
	actor: Actor,
	estimateId: string,
	input: EstimateCommentInput,
) {
	const { db, now } = deps;
	const state = await loadEstimateState(db, tenant.id, estimateId);
	const comment = commentInsert(
		db,
		{
			tenantId: tenant.id,
			estimateId,
			author: { type: "staff", id: actor.id, name: actor.label },
			body: input.body,
			lineItemId: checkPinnedLine(state, input.lineItemId),
			version: state.row.currentVersion,
		},
		now,
	);
	await db.batch([
		comment.statement,
		db
			.update(estimates)
			.set({ updatedAt: now })
			.where(and(eq(estimates.tenantId, tenant.id), eq(estimates.id, estimateId))),
		auditBy(
			db,
			actor,
			{
				action: "estimate.commented",
				targetType: "estimate",
				targetId: estimateId,
				data: { commentId: comment.id, lineItemId: comment.view.lineItemId },
			},
			now,
		),
	]);
	return comment.view;
}

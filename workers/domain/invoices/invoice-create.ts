import { and, asc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { accounts, contacts, locations } from "../../../schema/tables/accounts";
import { estimateApprovals, estimates, estimateVersions, lineItems } from "../../../schema/tables/billing";
import { invoiceLines, invoices } from "../../../schema/tables/invoices";
import { jobs } from "../../../schema/tables/jobs";
import type { InvoiceCreateInput, InvoiceDraft, StaffInvoice } from "../../contracts/invoices";
import type { Db } from "../../db";
import { AppError, type FieldIssue, invalidFields, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { quantityOf } from "../estimates/quantity";
import { estimateTotals, lineTotalMinor } from "../estimates/totals";
import { newId } from "../ids";
import { nextNumber } from "../numbering";
import { completedProof } from "../proof/report";
import type { Tenant } from "../tenant/tenant";
import { addDays, localDate } from "../time";
import { loadStaffInvoice } from "./staff-invoices";

type Deps = { db: Db; now: number };

const issue = (field: string, message: string): FieldIssue => ({ path: [field], field, message });

/** What a new invoice starts with: the tenant's currency, tax rate, due days and terms. */
export function invoiceDefaults(tenant: Tenant, now: number) {
	const { taxRateBps, invoiceDueDays, invoiceTermsDefault } = tenant.settings;
	return {
		currency: tenant.currency,
		taxRateBps,
		invoiceDueDays,
		dueAt: addDays(localDate(now, tenant.timezone), invoiceDueDays),
		terms: invoiceTermsDefault,
	};
}

/** What the estimate's earlier invoices took, as SQL: carried over to the next one as paid. */
const paidOnEstimate = (tenantId: string, estimateId: string) =>
	sql<number>`(SELECT COALESCE(SUM(${invoices.paidMinor}), 0) FROM ${invoices} WHERE ${invoices.tenantId} = ${tenantId} AND ${invoices.estimateId} = ${estimateId})`;

/** The lines, discount and tax rate an approved estimate was approved with (its selected optional lines in). */
async function approvedEstimateContent(db: Db, tenantId: string, estimateId: string) {
	const [approval] = await db
		.select({
			version: estimateApprovals.version,
			optionalItemIds: estimateApprovals.optionalItemIds,
			discountMinor: estimateVersions.discountMinor,
			taxRateBps: estimateVersions.taxRateBps,
			versionId: estimateVersions.id,
		})
		.from(estimateApprovals)
		.innerJoin(
			estimateVersions,
			and(
				eq(estimateVersions.tenantId, estimateApprovals.tenantId),
				eq(estimateVersions.estimateId, estimateApprovals.estimateId),
				eq(estimateVersions.version, estimateApprovals.version),
			),
		)
		.where(and(eq(estimateApprovals.tenantId, tenantId), eq(estimateApprovals.estimateId, estimateId)));
	if (!approval) return null;
	const selected = new Set(approval.optionalItemIds);
	const rows = await db
		.select()
		.from(lineItems)
		.where(and(eq(lineItems.tenantId, tenantId), eq(lineItems.estimateVersionId, approval.versionId)))
		.orderBy(asc(lineItems.seq));
	return {
		lines: rows
			.filter((l) => !l.optional || (l.lineId !== null && selected.has(l.lineId)))
			.map((l) => ({
				description: l.description,
				quantity: quantityOf(l.quantityMilli),
				unitPriceMinor: l.unitPriceMinor,
			})),
		discountMinor: approval.discountMinor,
		taxRateBps: approval.taxRateBps,
	};
}

/**
 * The create form pre-filled from a completed job: the lines of its approved estimate as
 * approved (selected optional lines in), else one line for the job; what earlier invoices of
 * that estimate took, carried over; and the tenant's defaults, which dispatchers cannot read
 * from the admin settings. 404 for another tenant's job; 409 for a job not completed or with
 * no account.
 */
export async function invoiceDraftFromJob(deps: Deps, tenant: Tenant, jobId: string): Promise<InvoiceDraft> {
	const { db, now } = deps;
	const [job] = await db
		.select({
			id: jobs.id,
			number: jobs.number,
			status: jobs.status,
			accountId: jobs.accountId,
			accountName: sql<string | null>`${accounts.name}`.as("account_name"),
			locationId: jobs.locationId,
			contactId: jobs.contactId,
			description: jobs.description,
			reference: jobs.reference,
			estimateId: jobs.estimateId,
			estimateNumber: sql<number | null>`${estimates.number}`.as("estimate_number"),
		})
		.from(jobs)
		.leftJoin(accounts, and(eq(accounts.id, jobs.accountId), eq(accounts.tenantId, jobs.tenantId)))
		.leftJoin(estimates, and(eq(estimates.id, jobs.estimateId), eq(estimates.tenantId, jobs.tenantId)))
		.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, jobId)));
	if (!job) throw notFound("That job");
	if (job.status !== "completed") {
		throw new AppError(409, "conflict", "Only a completed job can be invoiced. Finish the job first.");
	}
	if (!job.accountId) {
		throw new AppError(409, "conflict", "This job's customer has no account to invoice.");
	}
	const [content, carried, existing, completion] = await Promise.all([
		job.estimateId ? approvedEstimateContent(db, tenant.id, job.estimateId) : null,
		job.estimateId
			? db
					.select({ paid: sql<number>`COALESCE(SUM(${invoices.paidMinor}), 0)` })
					.from(invoices)
					.where(and(eq(invoices.tenantId, tenant.id), eq(invoices.estimateId, job.estimateId)))
					.then((r) => r[0]?.paid ?? 0)
			: 0,
		db
			.select({ id: invoices.id })
			.from(invoices)
			.where(and(eq(invoices.tenantId, tenant.id), eq(invoices.jobId, job.id))),
		completedProof(db, tenant.id, job.id),
	]);
	// The parts the technician used flow in after the job's own lines.
	const parts = completion?.parts ?? [];
	const defaults = invoiceDefaults(tenant, now);
	const jobLine = [job.description, job.reference].filter(Boolean).join(" · ");
	return {
		accountId: job.accountId,
		accountName: job.accountName ?? "",
		jobId: job.id,
		jobNumber: job.number,
		estimateId: job.estimateId,
		estimateNumber: job.estimateId ? job.estimateNumber : null,
		contactId: job.contactId,
		locationId: job.locationId,
		lines: [
			...(content?.lines.length
				? content.lines
				: [{ description: jobLine || `Job #${job.number}`, quantity: 1, unitPriceMinor: 0 }]),
			...parts,
		],
		discountMinor: content?.discountMinor ?? 0,
		depositAppliedMinor: carried,
		existingInvoiceIds: existing.map((e) => e.id),
		...defaults,
		taxRateBps: content?.taxRateBps ?? defaults.taxRateBps,
	};
}

/**
 * Checks that the contact, location, job and estimate an invoice names belong to its account
 * (and tenant); issues name each field. Answers the job's estimate, contact and location, which
 * the invoice takes when the input names none.
 */
async function checkParties(db: Db, tenantId: string, input: InvoiceCreateInput) {
	const byId = <T extends typeof contacts | typeof locations | typeof jobs | typeof estimates>(
		table: T,
		id: string | undefined,
	) => and(eq(table.tenantId, tenantId), eq(table.accountId, input.accountId), eq(table.id, id ?? ""));
	const [account, contact, location, job, estimate] = await db.batch([
		db
			.select({ id: accounts.id })
			.from(accounts)
			.where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId))),
		db.select({ id: contacts.id }).from(contacts).where(byId(contacts, input.contactId)),
		db.select({ id: locations.id }).from(locations).where(byId(locations, input.locationId)),
		db
			.select({
				id: jobs.id,
				estimateId: jobs.estimateId,
				contactId: jobs.contactId,
				locationId: jobs.locationId,
			})
			.from(jobs)
			.where(byId(jobs, input.jobId)),
		db.select({ id: estimates.id }).from(estimates).where(byId(estimates, input.estimateId)),
	]);
	const issues: FieldIssue[] = [];
	if (!account[0]) issues.push(issue("accountId", "Choose one of your accounts."));
	if (input.contactId && !contact[0]) issues.push(issue("contactId", "Choose a contact of this account."));
	if (input.locationId && !location[0])
		issues.push(issue("locationId", "Choose a location of this account."));
	if (input.jobId && !job[0]) issues.push(issue("jobId", "Choose a job of this account."));
	if (input.estimateId && !estimate[0])
		issues.push(issue("estimateId", "Choose an estimate of this account."));
	if (issues.length) throw invalidFields(issues);
	return job[0];
}

/**
 * A new draft invoice for an account, from scratch or for a job: totals computed here (never
 * taken from the client) with the estimates' arithmetic, the number next in the tenant's
 * sequence, what earlier invoices of the same estimate took carried over as paid (read in the
 * insert itself), the lines and the audit entry in one atomic batch. The portal sees it once shared.
 */
export async function createInvoice(
	deps: Deps,
	tenant: Tenant,
	actor: Actor,
	input: InvoiceCreateInput,
): Promise<StaffInvoice> {
	const { db, now } = deps;
	const lines = input.lines.map((l, i) => ({
		id: newId("inl"),
		position: i + 1,
		description: l.description,
		quantityMilli: l.quantity,
		unitPriceMinor: l.unitPriceMinor,
		amountMinor: lineTotalMinor({ quantityMilli: l.quantity, unitPriceMinor: l.unitPriceMinor }),
	}));
	const discountMinor = input.discountMinor ?? 0;
	const taxRateBps = input.taxRateBps ?? tenant.settings.taxRateBps;
	const totals = estimateTotals(
		lines.map((l) => ({ ...l, optional: false })),
		{ discountMinor, taxRateBps },
	);
	if (discountMinor > totals.subtotalMinor) {
		throw invalidFields([issue("discountMinor", "The discount is more than the subtotal of the lines.")]);
	}
	const job = await checkParties(db, tenant.id, input);
	const estimateId = input.estimateId ?? job?.estimateId ?? null;
	const defaults = invoiceDefaults(tenant, now);
	const invoiceId = newId("inv");
	const statements: BatchItem<"sqlite">[] = [
		db.insert(invoices).values({
			id: invoiceId,
			tenantId: tenant.id,
			number: nextNumber(invoices, invoices, tenant.id, 100),
			accountId: input.accountId,
			contactId: input.contactId ?? job?.contactId ?? null,
			locationId: input.locationId ?? job?.locationId ?? null,
			jobId: input.jobId ?? null,
			estimateId,
			currency: tenant.currency,
			subtotalMinor: totals.subtotalMinor,
			discountMinor: totals.discountMinor,
			taxRateBps,
			taxMinor: totals.taxMinor,
			totalMinor: totals.totalMinor,
			paidMinor: 0,
			depositAppliedMinor: estimateId
				? sql`MIN(${paidOnEstimate(tenant.id, estimateId)}, ${totals.totalMinor})`
				: 0,
			dueAt: input.dueAt ?? defaults.dueAt,
			terms: input.terms ?? defaults.terms,
			notes: input.notes ?? null,
			createdAt: now,
			updatedAt: now,
			createdBy: actor.id,
		}),
		db.insert(invoiceLines).values(lines.map((l) => ({ ...l, tenantId: tenant.id, invoiceId }))),
		auditBy(
			db,
			actor,
			{
				action: "invoice.created",
				targetType: "invoice",
				targetId: invoiceId,
				data: { accountId: input.accountId, jobId: input.jobId, estimateId, totalMinor: totals.totalMinor },
			},
			now,
		),
	];
	await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
	return loadStaffInvoice(db, tenant, invoiceId, now);
}

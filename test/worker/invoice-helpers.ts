import * as schema from "../../schema";
import type { StaffInvoice } from "../../workers/contracts/invoices";
import { newId } from "../../workers/domain/ids";
import { approve, type EstimateFixture, sharedEstimate } from "./estimate-helpers";
import { db } from "./fixtures";
import { send } from "./staff-helpers";

export { estimateSetup as invoiceSetup } from "./estimate-helpers";

let jobNumber = 5_000;

/** A completed job of the fixture's account, optionally converted from an estimate. */
export async function completedJob(
	s: EstimateFixture,
	o: { estimateId?: string; contactId?: string; locationId?: string; description?: string } = {},
) {
	const id = newId("job");
	const now = Date.now();
	const number = jobNumber++;
	await db.insert(schema.jobs).values({
		id,
		tenantId: s.tenant.id,
		number,
		kind: "service_call",
		status: "completed",
		source: "dispatcher",
		accountId: s.account.id,
		contactId: o.contactId ?? null,
		locationId: o.locationId ?? null,
		description: o.description ?? "Boiler service",
		estimateId: o.estimateId ?? null,
		createdByType: "staff",
		createdAt: now,
		updatedAt: now,
		completedAt: now,
	});
	return { id, number };
}

/** An estimate the account's admin approved with its optional line ticked. */
export async function approvedEstimate(s: EstimateFixture) {
	const e = await sharedEstimate(s, { contactId: s.contacts.admin.id });
	const optional = e.lines.find((l) => l.optional)?.id;
	const res = await approve(s, s.cookies.admin, e.id, {
		version: 1,
		signedName: "Ana Admin",
		optionalItemIds: optional ? [optional] : [],
	});
	if (res.status !== 200) throw new Error(`approve: ${res.status} ${await res.text()}`);
	return e;
}

export const invoiceLines = () => [
	{ description: "Labour", quantity: 2, unitPriceMinor: 5_000 },
	{ description: "Parts", quantity: "1.5", unitPriceMinor: 2_000 },
];

/** A dispatcher creates a draft invoice (default: for the account, two lines, 8.25 % tax). */
export async function createInvoice(s: EstimateFixture, body: Record<string, unknown> = {}) {
	const res = await send(`/api/d/${s.tenant.slug}/invoices`, s.staff, "POST", {
		accountId: s.account.id,
		lines: invoiceLines(),
		...body,
	});
	if (res.status !== 201) throw new Error(`create invoice: ${res.status} ${await res.text()}`);
	return res.json<StaffInvoice>();
}

/** Creates and shares an invoice; answers it as shared. */
export async function sharedInvoice(s: EstimateFixture, body: Record<string, unknown> = {}) {
	const created = await createInvoice(s, body);
	const res = await send(`/api/d/${s.tenant.slug}/invoices/${created.id}/share`, s.staff, "POST");
	if (res.status !== 200) throw new Error(`share invoice: ${res.status} ${await res.text()}`);
	return res.json<StaffInvoice>();
}

/** Records an offline payment through the console. */
export function payOffline(s: EstimateFixture, invoiceId: string, amountMinor: number, reference: string) {
	return send(`/api/d/${s.tenant.slug}/invoices/${invoiceId}/payments`, s.staff, "POST", {
		amountMinor,
		method: "cheque",
		reference,
	});
}

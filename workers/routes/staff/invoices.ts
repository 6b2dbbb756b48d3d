import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { invoices } from "../../../schema/tables/invoices";
import {
	InvoiceCreateInput,
	InvoiceDefaultsSchema,
	InvoiceDraftSchema,
	InvoiceIdParam,
	InvoiceJobParam,
	InvoiceVoidInput,
	OfflinePaymentInput,
	StaffInvoiceListQuery,
	StaffInvoicePageSchema,
	StaffInvoiceSchema,
} from "../../contracts/invoices";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { createInvoice, invoiceDefaults, invoiceDraftFromJob } from "../../domain/invoices/invoice-create";
import { invoiceReads, toInvoice, toInvoicePage } from "../../domain/invoices/invoice-view";
import { recordOfflinePayment } from "../../domain/invoices/record-payment";
import {
	loadStaffInvoice,
	shareInvoice,
	staffInvoiceListRead,
	voidInvoice,
} from "../../domain/invoices/staff-invoices";
import { localDate } from "../../domain/time";
import { notFound } from "../../errors";
import { readSignedIn } from "../../middleware/signed-in-read";
import { requestActor } from "../actor";
import { invoicePdfAnswer, serveInvoicePdf } from "../invoice-answers";
import { pageCursor } from "../page-cursor";
import { createRouter } from "../router";

const tags = ["dispatch invoices"];

/** The console's invoices: create (from scratch or from a completed job), share, void, record offline payments. */
export const staffInvoiceRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/invoices",
			tags,
			summary: "Create a draft invoice for an account, optionally for a job and its estimate",
			description:
				"Totals are computed here as for estimates: line amounts are quantity × unit price rounded half-up, the discount comes off the subtotal and tax (`taxRateBps`, default the tenant's) is on the discounted subtotal, rounded half-up once. The number is the next in the tenant's sequence. Payments on earlier invoices of the same estimate are carried over as `depositAppliedMinor`. A job's contact, location and estimate are taken when the body names none. The draft is the console's alone until shared.",
			request: { params: SlugParam, body: jsonBody(InvoiceCreateInput) },
			responses: {
				201: jsonAnswer("Created (status draft)", StaffInvoiceSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const invoice = await createInvoice(
				{ db: c.var.db, now: Date.now() },
				c.var.tenant,
				requestActor(c),
				c.req.valid("json"),
			);
			return c.json(invoice, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/invoices",
			tags,
			summary: "The tenant's invoices, newest first, by derived status and account",
			request: { params: SlugParam, query: StaffInvoiceListQuery },
			responses: {
				200: jsonAnswer("A page of invoices", StaffInvoicePageSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const query = c.req.valid("query");
			const cursor = pageCursor(query.cursor);
			const now = Date.now();
			const [rows] = await readSignedIn(c, ({ tenant }) => [
				staffInvoiceListRead(c.var.db, tenant, query, cursor, localDate(now, tenant.timezone)),
			]);
			return c.json(toInvoicePage(rows, query.limit, localDate(now, c.var.tenant.timezone)), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/invoices/defaults",
			tags,
			summary: "What a new invoice starts with: currency, tax rate, due date and terms",
			description:
				"The tenant's invoice settings as dispatchers need them for the create form (the settings themselves are admins').",
			request: { params: SlugParam },
			responses: { 200: jsonAnswer("The defaults", InvoiceDefaultsSchema), ...errorResponses(401, 403, 404) },
		}),
		(c) => c.json(invoiceDefaults(c.var.tenant, Date.now()), 200),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/invoices/draft-from-job/{jobId}",
			tags,
			summary: "The create form pre-filled from a completed job and its approved estimate",
			description:
				"Lines are the approved estimate's as approved (selected optional lines in), else one line for the job; `depositAppliedMinor` is what earlier invoices of that estimate took. 409 for a job not completed or without an account.",
			request: { params: InvoiceJobParam },
			responses: { 200: jsonAnswer("The draft", InvoiceDraftSchema), ...errorResponses(401, 403, 404, 409) },
		}),
		async (c) => {
			const draft = await invoiceDraftFromJob(
				{ db: c.var.db, now: Date.now() },
				c.var.tenant,
				c.req.valid("param").jobId,
			);
			return c.json(draft, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/invoices/{id}",
			tags,
			summary: "An invoice with its lines, payments and checkouts",
			request: { params: InvoiceIdParam },
			responses: { 200: jsonAnswer("The invoice", StaffInvoiceSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const rows = await readSignedIn(c, ({ tenant }) =>
				invoiceReads(c.var.db, tenant.id, id, eq(invoices.tenantId, tenant.id)),
			);
			const invoice = toInvoice(rows, localDate(Date.now(), c.var.tenant.timezone));
			if (!invoice) throw notFound("That invoice");
			return c.json(invoice, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/invoices/{id}/pdf",
			tags,
			summary: "The invoice as a PDF",
			request: { params: InvoiceIdParam },
			responses: { 200: invoicePdfAnswer, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const invoice = await loadStaffInvoice(c.var.db, c.var.tenant, c.req.valid("param").id, Date.now());
			return serveInvoicePdf(c, invoice);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/invoices/{id}/share",
			tags,
			summary: "Share to the portal and email a deep link; again for a reminder",
			description:
				"The email goes to every contact of the account who may see the invoice in the portal (admins, billing and viewers; bookers of its location, its contact, who booked its job), each in their language, unless they turned invoice emails off. 409 `invoice_void`.",
			request: { params: InvoiceIdParam },
			responses: { 200: jsonAnswer("Shared", StaffInvoiceSchema), ...errorResponses(401, 403, 404, 409) },
		}),
		async (c) => {
			const { db, tenant, notices } = c.var;
			// The email is recorded with the share and sent from the notification queue.
			const { invoice } = await shareInvoice(
				{ db, now: Date.now(), notices },
				tenant,
				requestActor(c),
				c.req.valid("param").id,
			);
			return c.json(invoice, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/invoices/{id}/void",
			tags,
			summary: "Void the invoice, saying why",
			description:
				"A void invoice asks no more money; its payments stay on record. 409 `invoice_void` when already void.",
			request: { params: InvoiceIdParam, body: jsonBody(InvoiceVoidInput) },
			responses: {
				200: jsonAnswer("Voided", StaffInvoiceSchema),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const invoice = await voidInvoice(
				{ db: c.var.db, now: Date.now() },
				c.var.tenant,
				requestActor(c),
				c.req.valid("param").id,
				c.req.valid("json").reason,
			);
			return c.json(invoice, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/invoices/{id}/payments",
			tags,
			summary: "Record a payment received outside the portal (cheque, bank transfer, cash)",
			description:
				"Recorded once per reference, audited with it, and the dispatchers alerted. 422 `amount_over_balance`; 409 `invoice_void`, `not_shared` (share it first), or `conflict` for a reference already recorded.",
			request: { params: InvoiceIdParam, body: jsonBody(OfflinePaymentInput) },
			responses: {
				200: jsonAnswer("The invoice with the payment", StaffInvoiceSchema),
				...errorResponses(400, 401, 403, 404, 409, 422),
			},
		}),
		async (c) => {
			const invoice = await recordOfflinePayment(
				{ db: c.var.db, now: Date.now(), live: c.var.live },
				c.var.tenant,
				requestActor(c),
				c.req.valid("param").id,
				c.req.valid("json"),
			);
			return c.json(invoice, 200);
		},
	);

import { createRoute } from "@hono/zod-openapi";
import {
	CustomerInvoiceListQuery,
	CustomerInvoicePageSchema,
	CustomerInvoiceSchema,
	InvoiceIdParam,
} from "../../contracts/invoices";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer } from "../../contracts/staff";
import {
	customerInvoiceListReads,
	customerInvoiceOf,
	customerInvoiceReads,
	loadCustomerInvoice,
	toCustomerInvoicePage,
} from "../../domain/invoices/customer-invoices";
import { notFound } from "../../errors";
import { readSignedIn } from "../../middleware/signed-in-read";
import { invoicePdfAnswer, serveInvoicePdf } from "../invoice-answers";
import { pageCursor } from "../page-cursor";
import { createRouter } from "../router";

const tags = ["customer invoices"];

/** The portal's invoices: the open and paid tabs with the outstanding balance, one invoice, its PDF. */
export const customerInvoiceRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/invoices",
			tags,
			summary: "Your invoices, open or paid, with the outstanding balance, by day and location",
			description:
				"Admins, billing contacts and viewers see every shared invoice of the account; bookers those of their location, addressed to them or of jobs they booked. Drafts never show. `outstandingMinor` is the balance of every invoice you see, whatever the tab and filters.",
			request: { params: SlugParam, query: CustomerInvoiceListQuery },
			responses: {
				200: jsonAnswer("A page of invoices", CustomerInvoicePageSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const query = c.req.valid("query");
			const cursor = pageCursor(query.cursor);
			const rows = await readSignedIn(c, (reader) =>
				customerInvoiceListReads(c.var.db, reader, query, cursor),
			);
			// Who the session is, checked in that same round trip.
			return c.json(toCustomerInvoicePage(rows, c.var.tenant, query.limit, Date.now()), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/invoices/{id}",
			tags,
			summary: "One invoice: lines, payments, balance, due date, terms, and what you may pay",
			description:
				"`payOptions` says whether you may pay (viewers cannot) and which amounts: the whole balance, a deposit, a partial payment. `checkouts` are your recent checkouts: `creating`/`open` is processing until the provider confirms. 404 for drafts and anything not yours.",
			request: { params: InvoiceIdParam },
			responses: { 200: jsonAnswer("The invoice", CustomerInvoiceSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const rows = await readSignedIn(c, (reader) => customerInvoiceReads(c.var.db, reader, id));
			const { db, tenant, me } = c.var;
			const invoice = customerInvoiceOf(db, rows, { tenant, me }, Date.now());
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
			const invoice = await loadCustomerInvoice(
				{ db: c.var.db, now: Date.now() },
				c.var.tenant,
				c.var.me,
				c.req.valid("param").id,
			);
			return serveInvoicePdf(c, invoice);
		},
	);

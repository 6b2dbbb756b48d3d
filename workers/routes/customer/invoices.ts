import { createRoute } from "@hono/zod-openapi";
import {
	CustomerInvoiceListQuery,
	CustomerInvoicePageSchema,
	CustomerInvoiceSchema,
	InvoiceIdParam,
} from "../../contracts/invoices";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer } from "../../contracts/staff";
import { customerInvoicePage, loadCustomerInvoice } from "../../domain/invoices/customer-invoices";
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
			const page = await customerInvoicePage(
				{ db: c.var.db, now: Date.now() },
				c.var.tenant,
				c.var.me,
				query,
				pageCursor(query.cursor),
			);
			return c.json(page, 200);
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
			const invoice = await loadCustomerInvoice(
				{ db: c.var.db, now: Date.now() },
				c.var.tenant,
				c.var.me,
				c.req.valid("param").id,
			);
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

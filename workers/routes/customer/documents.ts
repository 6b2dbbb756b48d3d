import { createRoute, z } from "@hono/zod-openapi";
import { JobIdParam } from "../../contracts/customer";
import { CalendarDate } from "../../contracts/dates";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer } from "../../contracts/staff";
import { scopeOf } from "../../domain/customers/permissions";
import { estimateReaderOf } from "../../domain/estimates/access";
import { customerVisibleJob } from "../../domain/jobs/customer-additions";
import { documentTypes, listDocuments, mayReadDocument } from "../../domain/proof/documents";
import { completedProof } from "../../domain/proof/report";
import { localDayBounds } from "../../domain/time";
import { notFound } from "../../errors";
import { customerScope } from "../../middleware/customer";
import { servePrivateImage } from "../job-photos";
import { serveJobReport } from "../job-report";
import { pageCursor } from "../page-cursor";
import { pdfAnswerOf } from "../pdf-answer";
import { createRouter } from "../router";

const DocumentQuery = z.object({
	type: z.enum(documentTypes).optional(),
	q: z.string().trim().max(100).optional(),
	locationId: z.string().max(64).optional(),
	from: CalendarDate.optional(),
	to: CalendarDate.optional(),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(50).default(20),
});

const DocumentPage = z
	.object({
		items: z.array(
			z.object({
				type: z.enum(documentTypes),
				id: z.string(),
				title: z.string(),
				jobId: z.string().nullable(),
				createdAt: z.string(),
				url: z.string(),
			}),
		),
		nextCursor: z.string().nullable(),
	})
	.openapi("DocumentPage");

/** The portal's documents, and a completed job's report and signature. */
export const customerDocumentRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/documents",
			tags: ["documents"],
			summary: "Every document you may see: estimates, invoices, receipts, service reports",
			description:
				"Newest first. `q` matches a document's or its job's number and the job's reference. Billing contacts see invoices and receipts only. A receipt is one per payment; its file is the invoice's PDF, which lists each payment and the balance.",
			request: { params: SlugParam, query: DocumentQuery },
			responses: {
				200: jsonAnswer("A page of documents", DocumentPage),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const { tenant, me } = c.var;
			const query = c.req.valid("query");
			const page = await listDocuments(
				c.var.db,
				estimateReaderOf(tenant.id, me),
				scopeOf(tenant, me, "jobs"),
				tenant.slug,
				{
					type: query.type,
					q: query.q || undefined,
					locationId: query.locationId,
					...localDayBounds(query, tenant.timezone),
					cursor: pageCursor(query.cursor),
					limit: query.limit,
				},
			);
			return c.json(page, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}/report.pdf",
			tags: ["documents"],
			summary: "The service report / proof of delivery of one of your completed jobs",
			request: { params: JobIdParam },
			responses: { 200: pdfAnswerOf("report"), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			if (!mayReadDocument(c.var.me.role, "report")) throw notFound("That report");
			const job = await customerVisibleJob(c.var.db, customerScope(c), c.req.valid("param").id);
			return serveJobReport(c, job.id) as unknown as never;
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}/signature.png",
			tags: ["documents"],
			summary: "The recipient's signature on one of your completed jobs",
			request: { params: JobIdParam },
			responses: { 200: { description: "The PNG" }, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const job = await customerVisibleJob(c.var.db, customerScope(c), c.req.valid("param").id);
			const proof = await completedProof(c.var.db, c.var.tenant.id, job.id);
			const photo = proof?.signatureKey ? { key: proof.signatureKey, type: "image/png" } : undefined;
			return servePrivateImage(c, photo) as unknown as never;
		},
	);

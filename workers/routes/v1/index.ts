import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { estimates } from "../../../schema/tables/billing";
import type { ApiScope } from "../../../schema/tables/integrations";
import { EstimatePageSchema, StaffEstimateListQuery } from "../../contracts/estimates";
import {
	ApiCustomerPageSchema,
	ApiJobListQuery,
	ApiJobPageSchema,
	PageQuery,
	WebhookEndpointCreateBody,
	WebhookEndpointCreatedSchema,
	WebhookEndpointSchema,
} from "../../contracts/integrations";
import { StaffInvoiceListQuery, StaffInvoicePageSchema } from "../../contracts/invoices";
import { errorResponses } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { StaffJobSchema } from "../../contracts/staff-jobs";
import { apiCustomerPage, apiJobPage } from "../../domain/api-keys/api-lists";
import { estimateListReads, toEstimatePage } from "../../domain/estimates/customer-estimates";
import { toInvoicePage } from "../../domain/invoices/invoice-view";
import { staffInvoiceListRead } from "../../domain/invoices/staff-invoices";
import { checkIdempotencyKey } from "../../domain/jobs/create-job-once";
import { editJob } from "../../domain/jobs/job-changes";
import { JobEditInput, StaffJobInput } from "../../domain/jobs/staff-job-input";
import { createStaffJob, loadStaffJob, staffPhotoUrl } from "../../domain/jobs/staff-jobs";
import { localDate } from "../../domain/time";
import {
	checkEndpointUrl,
	createWebhookEndpoint,
	listWebhookEndpoints,
} from "../../domain/webhooks/endpoints";
import { notFound } from "../../errors";
import { tenantGate } from "../../live/channels";
import { apiActor, requireApiKey, requireScope } from "../../middleware/api-key";
import { estimateListFilters } from "../estimate-answers";
import { pageCursor } from "../page-cursor";
import { createRouter } from "../router";

/** The name of the bearer scheme in the OpenAPI document. */
export const API_KEY_SCHEME = "apiKey";

const Slug = z.object({
	slug: z
		.string()
		.min(1)
		.max(64)
		.openapi({ param: { name: "slug", in: "path" }, example: "acme-courier" }),
});
const JobParam = Slug.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

/** What every API operation shares: its scope, documented and enforced, and the bearer scheme. */
const op = (scope: ApiScope) => ({
	tags: ["API"],
	security: [{ [API_KEY_SCHEME]: [scope] }],
	middleware: [requireScope(scope)],
	"x-scopes": [scope],
});

const rateLimitHeaders = {
	RateLimit: {
		schema: { type: "string" as const },
		description: "limit, remaining and reset (seconds) of the key's window",
	},
	"RateLimit-Policy": {
		schema: { type: "string" as const },
		description: "requests per window, e.g. `120;w=60`",
	},
};
const answer = <T extends z.ZodType>(description: string, schema: T) => ({
	...jsonAnswer(description, schema),
	headers: rateLimitHeaders,
});
const errors = (...s: Parameters<typeof errorResponses>) => errorResponses(401, 403, 404, 429, ...s);

/** `/api/v1/:slug`: the tenant's API for other systems, by API key (`Authorization: Bearer`). */
export const apiV1Routes = createRouter();
apiV1Routes.use("*", requireApiKey);
apiV1Routes
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs",
			operationId: "createJob",
			...op("jobs:write"),
			summary: "Create a job, exactly once per Idempotency-Key",
			description:
				"The body is the console's job body. The job lands in Unassigned with source `api`. `Idempotency-Key` is required: a retry with the same key and body answers the job it first made (201, header `Idempotent-Replayed: true`); the same key with another body is 422.",
			request: {
				params: Slug,
				headers: z.object({ "idempotency-key": z.string().openapi({ example: "order-4711" }) }),
				body: jsonBody(StaffJobInput),
			},
			responses: { 201: answer("Created (or replayed)", StaffJobSchema), ...errors(400, 409, 422) },
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const key = checkIdempotencyKey(c.req.header("Idempotency-Key"), true, "job");
			const deps = { db, gate: tenantGate(c.env, tenant.id), now: Date.now() };
			const { job, replayed } = await createStaffJob(
				deps,
				tenant,
				apiActor(c),
				key,
				c.req.valid("json"),
				"api",
			);
			if (replayed) c.header("Idempotent-Replayed", "true");
			return c.json(job, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs",
			operationId: "listJobs",
			...op("jobs:read"),
			summary: "The tenant's jobs, newest first",
			request: { params: Slug, query: ApiJobListQuery },
			responses: { 200: answer("A page of jobs", ApiJobPageSchema), ...errors(400) },
		}),
		async (c) => {
			const q = c.req.valid("query");
			return c.json(await apiJobPage(c.var.db, c.var.tenant.id, { ...q, cursor: pageCursor(q.cursor) }), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}",
			operationId: "getJob",
			...op("jobs:read"),
			summary: "A job with its stops, timeline, notes and photos",
			request: { params: JobParam },
			responses: { 200: answer("The job", StaffJobSchema), ...errors() },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const { tenant, db } = c.var;
			const job = await loadStaffJob(db, tenant.id, id, staffPhotoUrl(tenant.slug, id));
			if (!job) throw notFound("That job");
			return c.json(job, 200);
		},
	)
	.openapi(
		createRoute({
			method: "patch",
			path: "/jobs/{id}",
			operationId: "updateJob",
			...op("jobs:write"),
			summary: "Change a job's window, stops, reference or description",
			description:
				"Only the fields sent change; the window follows the booking rules. A finished job is 409.",
			request: { params: JobParam, body: jsonBody(JobEditInput) },
			responses: { 200: answer("The job as changed", StaffJobSchema), ...errors(400, 409) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const { tenant, db, live } = c.var;
			await editJob({ db, live, now: Date.now() }, apiActor(c), id, c.req.valid("json"), tenant.timezone);
			const job = await loadStaffJob(db, tenant.id, id, staffPhotoUrl(tenant.slug, id));
			if (!job) throw notFound("That job");
			return c.json(job, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/customers",
			operationId: "listCustomers",
			...op("customers:read"),
			summary: "The tenant's customer contacts, newest first",
			request: { params: Slug, query: PageQuery },
			responses: { 200: answer("A page of customers", ApiCustomerPageSchema), ...errors(400) },
		}),
		async (c) => {
			const q = c.req.valid("query");
			return c.json(
				await apiCustomerPage(c.var.db, c.var.tenant.id, { ...q, cursor: pageCursor(q.cursor) }),
				200,
			);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/estimates",
			operationId: "listEstimates",
			...op("estimates:read"),
			summary: "The tenant's estimates, newest first",
			request: { params: Slug, query: StaffEstimateListQuery },
			responses: { 200: answer("A page of estimates", EstimatePageSchema), ...errors(400) },
		}),
		async (c) => {
			const query = c.req.valid("query");
			const { db, tenant } = c.var;
			const now = Date.now();
			const [read] = estimateListReads(
				db,
				[eq(estimates.tenantId, tenant.id)],
				estimateListFilters(query, tenant.timezone),
				now,
			);
			if (!read) throw new Error("no list read");
			const branches = await db.batch([read]);
			return c.json(toEstimatePage(branches, query.limit, now), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/invoices",
			operationId: "listInvoices",
			...op("invoices:read"),
			summary: "The tenant's invoices, newest first",
			request: { params: Slug, query: StaffInvoiceListQuery },
			responses: { 200: answer("A page of invoices", StaffInvoicePageSchema), ...errors(400) },
		}),
		async (c) => {
			const query = c.req.valid("query");
			const { db, tenant } = c.var;
			const today = localDate(Date.now(), tenant.timezone);
			const rows = await staffInvoiceListRead(db, tenant, query, pageCursor(query.cursor), today);
			return c.json(toInvoicePage(rows, query.limit, today), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/webhooks",
			operationId: "listWebhookEndpoints",
			...op("webhooks:manage"),
			summary: "The tenant's webhook endpoints",
			request: { params: Slug },
			responses: { 200: answer("The endpoints", z.array(WebhookEndpointSchema)), ...errors() },
		}),
		async (c) => c.json(await listWebhookEndpoints(c.var.db, c.var.tenant.id, Date.now()), 200),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/webhooks",
			operationId: "createWebhookEndpoint",
			...op("webhooks:manage"),
			summary: "Add a webhook endpoint; its signing secret is answered once",
			request: { params: Slug, body: jsonBody(WebhookEndpointCreateBody) },
			responses: { 201: answer("Created", WebhookEndpointCreatedSchema), ...errors(400) },
		}),
		async (c) => {
			const body = c.req.valid("json");
			const url = checkEndpointUrl(body.url, c.env.ENVIRONMENT === "development");
			return c.json(
				await createWebhookEndpoint(c.var.db, apiActor(c), { url, events: body.events }, Date.now()),
				201,
			);
		},
	);

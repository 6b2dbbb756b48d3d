import { createRoute, z } from "@hono/zod-openapi";
import { jobStatuses } from "../../schema/tables/jobs";
import {
	decodeCursor,
	getCustomerJob,
	type JobListFilters,
	listCustomerJobs,
	STATUS_GROUPS,
} from "../domain/customer-jobs";
import { zonedToUtc } from "../domain/time";
import { AppError, notFound } from "../errors";
import { customerScope } from "../middleware/customer";
import { requireSession } from "../middleware/session";
import { resolveTenant } from "../middleware/tenant";
import { JobDetailSchema, JobIdParam, JobListItemSchema } from "./customer-schemas";
import { errorResponses, SlugParam } from "./openapi-schemas";
import { createRouter } from "./router";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-25.");

const JobListQuery = z.object({
	status: z.enum(["upcoming", "active", "past", ...jobStatuses]).optional(),
	from: date.optional(),
	to: date.optional(),
	q: z.string().trim().max(100).optional(),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(50).default(20),
});

const DAY = 86_400_000;
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

const customer = [resolveTenant, requireSession("customer")];

export const customerJobRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/api/c/{slug}/jobs",
			tags: ["customer jobs"],
			summary: "The customer's jobs, newest first, with filters and a stable cursor",
			middleware: customer,
			request: { params: SlugParam, query: JobListQuery },
			responses: {
				200: {
					description: "A page of jobs",
					content: {
						"application/json": {
							schema: z.object({ items: z.array(JobListItemSchema), nextCursor: z.string().nullable() }),
						},
					},
				},
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const query = c.req.valid("query");
			const tz = c.var.tenant.timezone;
			const filters: JobListFilters = { limit: query.limit, q: query.q || undefined };
			if (query.status) {
				const status = query.status;
				filters.statuses =
					status === "upcoming" || status === "active" || status === "past"
						? STATUS_GROUPS[status]
						: [status];
			}
			if (query.from) filters.from = zonedToUtc(query.from, tz) ?? undefined;
			if (query.to) filters.to = zonedToUtc(nextDay(query.to), tz) ?? undefined;
			if (query.cursor) {
				const cursor = decodeCursor(query.cursor);
				if (!cursor) {
					throw new AppError(400, "validation_failed", "Check these fields in the query: cursor.", [
						{ path: ["cursor"], field: "cursor", message: "This page link is not valid any more." },
					]);
				}
				filters.cursor = cursor;
			}
			return c.json(await listCustomerJobs(c.var.db, customerScope(c), filters), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/c/{slug}/jobs/{id}",
			tags: ["customer jobs"],
			summary: "One of the customer's jobs with stops, technician and timeline",
			middleware: customer,
			request: { params: JobIdParam },
			responses: {
				200: { description: "The job", content: { "application/json": { schema: JobDetailSchema } } },
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const job = await getCustomerJob(c.var.db, customerScope(c), c.req.valid("param").id);
			if (!job) throw notFound("That job");
			return c.json(job, 200);
		},
	);

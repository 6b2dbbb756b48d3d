import { createRoute, z } from "@hono/zod-openapi";
import { jobStatuses } from "../../../schema/tables/jobs";
import { CustomerJobSchema, JobIdParam, JobPageSchema } from "../../contracts/customer";
import { CalendarDate } from "../../contracts/dates";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { ProofSchema } from "../../contracts/proof";
import { scopeOf } from "../../domain/customers/permissions";
import { withChangeMode } from "../../domain/jobs/customer-changes";
import {
	customerJobListReads,
	customerJobReads,
	type JobListFilters,
	STATUS_GROUPS,
	toCustomerJob,
	toCustomerJobPage,
} from "../../domain/jobs/customer-jobs";
import { toProof } from "../../domain/proof/proof-view";
import { completedProof } from "../../domain/proof/report";
import { localDayBounds } from "../../domain/time";
import { notFound } from "../../errors";
import { readSignedIn } from "../../middleware/signed-in-read";
import { pageCursor } from "../page-cursor";
import { createRouter } from "../router";

const JobListQuery = z.object({
	status: z.enum(["upcoming", "active", "past", ...jobStatuses]).optional(),
	from: CalendarDate.optional(),
	to: CalendarDate.optional(),
	q: z.string().trim().max(100).optional(),
	locationId: z.string().max(64).optional(),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** The filters of a list query; dates are days in the tenant's time zone. */
function jobListFilters(
	query: z.infer<typeof JobListQuery>,
	tz: string,
	cursor: JobListFilters["cursor"],
): JobListFilters {
	const filters: JobListFilters = {
		limit: query.limit,
		q: query.q || undefined,
		locationId: query.locationId || undefined,
		cursor,
	};
	const status = query.status;
	if (status) {
		filters.statuses =
			status === "upcoming" || status === "active" || status === "past" ? STATUS_GROUPS[status] : [status];
	}
	return { ...filters, ...localDayBounds(query, tz) };
}

export const customerJobRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs",
			tags: ["customer jobs"],
			summary: "The customer's jobs, newest first, with filters and a stable cursor",
			request: { params: SlugParam, query: JobListQuery },
			responses: {
				200: {
					description: "A page of jobs",
					content: {
						"application/json": {
							schema: JobPageSchema,
						},
					},
				},
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const query = c.req.valid("query");
			const cursor = pageCursor(query.cursor);
			const [owned, byEmail] = await readSignedIn(c, ({ tenant, me }) =>
				customerJobListReads(
					c.var.db,
					scopeOf(tenant, me, "jobs"),
					jobListFilters(query, tenant.timezone, cursor),
				),
			);
			return c.json(toCustomerJobPage(owned, byEmail, query.limit), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}",
			tags: ["customer jobs"],
			summary: "One of the customer's jobs with stops, technician and timeline",
			request: { params: JobIdParam },
			responses: {
				200: {
					description: "The job; once completed, with its `proof`",
					content: {
						"application/json": { schema: CustomerJobSchema.extend({ proof: ProofSchema.nullable() }) },
					},
				},
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const job = toCustomerJob(
				await readSignedIn(c, ({ tenant, me }) =>
					customerJobReads(c.var.db, scopeOf(tenant, me, "jobs"), id),
				),
			);
			if (!job) throw notFound("That job");
			const completion =
				job.status === "completed" ? await completedProof(c.var.db, c.var.tenant.id, id) : undefined;
			const proof = completion ? toProof(completion, `/api/c/${c.var.tenant.slug}/jobs/${id}`) : null;
			return c.json({ ...withChangeMode(job, c.var.tenant, c.var.me.role), proof }, 200);
		},
	);

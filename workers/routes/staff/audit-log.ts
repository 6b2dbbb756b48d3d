import { createRoute, z } from "@hono/zod-openapi";
import { CalendarDate } from "../../contracts/dates";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { fieldInvalid, jsonAnswer } from "../../contracts/staff";
import { AuditPageSchema } from "../../contracts/staff-activity";
import {
	type AuditFilters,
	auditCsv,
	auditEntriesRead,
	listAuditEntries,
	toAuditPage,
} from "../../domain/activity/audit-log";
import { encodeCursor } from "../../domain/jobs/customer-jobs";
import { describeUserAgent } from "../../domain/sign-in/user-agent";
import { localDayBounds } from "../../domain/time";
import { readSignedIn } from "../../middleware/signed-in-read";
import { pageCursor } from "../page-cursor";
import { createRouter } from "../router";

const tags = ["audit log"];

/** Rows a CSV export carries at most; narrow the dates for more. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

const AuditQuery = z.object({
	actor: z.string().max(64).optional().openapi({ description: "An actor id (staff, contact, technician)" }),
	action: z
		.string()
		.max(80)
		.regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, "Use an action like contact.blocked, or job.* for a family.")
		.optional(),
	from: CalendarDate.optional().openapi({ description: "First day, in the tenant's time zone" }),
	to: CalendarDate.optional().openapi({ description: "Last day (included), in the tenant's time zone" }),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The query's filters, with its dates read as whole days in the tenant's time zone `tz`. */
function filtersOf(q: z.infer<typeof AuditQuery>, tz: string): AuditFilters {
	const f: AuditFilters = {
		actorId: q.actor || undefined,
		action: q.action || undefined,
		...localDayBounds(q, tz),
	};
	if (q.from && q.to && q.to < q.from)
		throw fieldInvalid(["to"], "The last day must not be before the first.");
	const cursor = pageCursor(q.cursor);
	if (cursor) f.cursor = cursor;
	return f;
}

export const staffAuditLogRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/audit",
			tags,
			summary: "The audit log, newest first, filtered by actor, action and days",
			request: { params: SlugParam, query: AuditQuery },
			responses: {
				200: jsonAnswer("A page of entries", AuditPageSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const query = c.req.valid("query");
			// Refuse a bad query before reading; the dates are read again in the zone the batch is built for.
			filtersOf(query, c.var.tenant.timezone);
			const [rows] = await readSignedIn(
				c,
				({ tenant }) =>
					[auditEntriesRead(c.var.db, tenant.id, filtersOf(query, tenant.timezone), query.limit)] as const,
			);
			const page = toAuditPage(rows, query.limit);
			return c.json(
				{
					items: page.rows.map((r) => ({
						id: r.id,
						at: new Date(r.createdAt).toISOString(),
						actorType: r.actorType,
						actorId: r.actorId,
						actor: r.actorLabel,
						action: r.action,
						targetType: r.targetType,
						targetId: r.targetId,
						target: r.targetName,
						ip: r.ip,
						userAgent: r.userAgent,
						device: describeUserAgent(r.userAgent),
						data: r.data ?? null,
					})),
					nextCursor: page.next ? encodeCursor(page.next) : null,
				},
				200,
			);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/audit.csv",
			tags,
			summary: "The filtered audit log as CSV (at most 10,000 rows, newest first)",
			description:
				"Cells a spreadsheet would run as a formula (starting with = + - @) are prefixed with a quote.",
			request: { params: SlugParam, query: AuditQuery.omit({ cursor: true, limit: true }) },
			responses: {
				200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const query = c.req.valid("query");
			const page = await listAuditEntries(
				db,
				tenant.id,
				filtersOf({ ...query, limit: 0 }, tenant.timezone),
				AUDIT_EXPORT_MAX_ROWS,
			);
			const csv = auditCsv(page.rows, tenant.timezone);
			const name = `audit-${tenant.slug}-${new Date().toISOString().slice(0, 10)}.csv`;
			return c.body(csv, 200, {
				"Content-Type": "text/csv; charset=utf-8",
				"Content-Disposition": `attachment; filename="${name}"`,
				...(page.next ? { "X-Truncated": "true" } : {}),
			}) as unknown as never;
		},
	);

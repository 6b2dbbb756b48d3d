import { createRoute, z } from "@hono/zod-openapi";
import type { inboxAlerts } from "../../../schema/tables/activity";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { IdParam, iso, jsonAnswer } from "../../contracts/staff";
import { AlertSchema, InboxPageSchema, UnreadSchema } from "../../contracts/staff-activity";
import {
	inboxAlertsRead,
	markAlertRead,
	markAllAlertsRead,
	toInboxPage,
	unreadAlertCount,
} from "../../domain/activity/inbox";
import { unreadAlertsRead } from "../../domain/jobs/board";
import { encodeCursor } from "../../domain/jobs/customer-jobs";
import { notFound } from "../../errors";
import { readSignedIn } from "../../middleware/signed-in-read";
import { pageCursor } from "../page-cursor";
import { createRouter } from "../router";

const tags = ["inbox"];

type AlertRow = typeof inboxAlerts.$inferSelect;

const toAlert = (a: AlertRow) => ({
	id: a.id,
	kind: a.kind,
	title: a.title,
	body: a.body,
	jobId: a.jobId,
	estimateId: a.estimateId,
	invoiceId: a.invoiceId,
	quoteRequestId: a.quoteRequestId,
	accountId: a.accountId,
	contactId: a.contactId,
	read: a.readAt !== null,
	readAt: iso(a.readAt),
	createdAt: new Date(a.createdAt).toISOString(),
});

/** The dispatchers' inbox. Alerts come from domain events; here they are only read and marked. */
export const staffInboxRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/inbox",
			tags,
			summary: "Alerts, newest first, with a cursor; `unread=1` keeps the unread ones",
			request: {
				params: SlugParam,
				query: z.object({
					cursor: z.string().max(200).optional(),
					limit: z.coerce.number().int().min(1).max(100).default(30),
					unread: z.enum(["1", "true"]).optional(),
				}),
			},
			responses: {
				200: jsonAnswer("A page of alerts and the unread count", InboxPageSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const { db } = c.var;
			const query = c.req.valid("query");
			const cursor = pageCursor(query.cursor);
			const opts = { cursor, limit: query.limit, unreadOnly: query.unread !== undefined };
			const [rows, [count]] = await readSignedIn(
				c,
				({ tenant }) => [inboxAlertsRead(db, tenant.id, opts), unreadAlertsRead(db, tenant.id)] as const,
			);
			const page = toInboxPage(rows, query.limit);
			const unread = count?.n ?? 0;
			return c.json(
				{ items: page.rows.map(toAlert), nextCursor: page.next ? encodeCursor(page.next) : null, unread },
				200,
			);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/inbox/unread-count",
			tags,
			summary: "How many alerts nobody has read (also pushed to the board as `alert` events)",
			request: { params: SlugParam },
			responses: { 200: jsonAnswer("The count", UnreadSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => c.json({ unread: await unreadAlertCount(c.var.db, c.var.tenant.id) }, 200),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/inbox/{id}/read",
			tags,
			summary: "Mark one alert read",
			request: { params: IdParam },
			responses: { 200: jsonAnswer("The alert", AlertSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { db, live, tenant, me } = c.var;
			const alert = await markAlertRead(db, live, tenant.id, me.id, c.req.valid("param").id);
			if (!alert) throw notFound("That alert");
			return c.json(toAlert(alert), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/inbox/read-all",
			tags,
			summary: "Mark every alert read",
			request: { params: SlugParam },
			responses: {
				200: jsonAnswer("The unread count, now 0", UnreadSchema),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const { db, live, tenant, me } = c.var;
			return c.json({ unread: await markAllAlertsRead(db, live, tenant.id, me.id) }, 200);
		},
	);

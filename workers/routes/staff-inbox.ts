import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import { inboxAlerts } from "../../schema/tables/activity";
import { errorResponses, SlugParam } from "../contracts/openapi";
import { fieldInvalid, IdParam, iso, jsonAnswer } from "../contracts/staff";
import { AlertSchema, InboxPageSchema, UnreadSchema } from "../contracts/staff-activity";
import { unreadAlertsRead } from "../domain/board";
import { decodeCursor, encodeCursor } from "../domain/customer-jobs";
import { inboxAlertsRead, toInboxPage } from "../domain/inbox";
import { publishUnreadAlerts, unreadAlertCount } from "../durable-objects/board-feed";
import { notFound } from "../errors";
import { requireSession } from "../middleware/session";
import { readSignedIn, requireSessionForRead } from "../middleware/signed-in-read";
import { resolveTenant } from "../middleware/tenant";
import { createRouter } from "./router";

const staffOnly = [resolveTenant, requireSession("staff")];
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
			path: "/api/d/{slug}/inbox",
			tags,
			summary: "Alerts, newest first, with a cursor; `unread=1` keeps the unread ones",
			middleware: [requireSessionForRead("staff")],
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
			const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
			if (cursor === null) throw fieldInvalid(["cursor"], "This page link is not valid any more.");
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
			path: "/api/d/{slug}/inbox/unread-count",
			tags,
			summary: "How many alerts nobody has read (also pushed to the board as `alert` events)",
			middleware: staffOnly,
			request: { params: SlugParam },
			responses: { 200: jsonAnswer("The count", UnreadSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => c.json({ unread: await unreadAlertCount(c.var.db, c.var.tenant.id) }, 200),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/d/{slug}/inbox/{id}/read",
			tags,
			summary: "Mark one alert read",
			middleware: staffOnly,
			request: { params: IdParam },
			responses: { 200: jsonAnswer("The alert", AlertSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const { id } = c.req.valid("param");
			const thisAlert = and(eq(inboxAlerts.tenantId, tenant.id), eq(inboxAlerts.id, id));
			const row = await db
				.update(inboxAlerts)
				.set({ readAt: Date.now(), readBy: me.id })
				.where(and(thisAlert, isNull(inboxAlerts.readAt)))
				.returning()
				.get();
			if (!row) {
				// Already read, by someone else perhaps, or not the tenant's.
				const existing = await db.select().from(inboxAlerts).where(thisAlert).get();
				if (!existing) throw notFound("That alert");
				return c.json(toAlert(existing), 200);
			}
			await publishUnreadAlerts(c.env, db, tenant.id);
			return c.json(toAlert(row), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/d/{slug}/inbox/read-all",
			tags,
			summary: "Mark every alert read",
			middleware: staffOnly,
			request: { params: SlugParam },
			responses: {
				200: jsonAnswer("The unread count, now 0", UnreadSchema),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			await db
				.update(inboxAlerts)
				.set({ readAt: Date.now(), readBy: me.id })
				.where(and(eq(inboxAlerts.tenantId, tenant.id), isNull(inboxAlerts.readAt)))
				.run();
			await publishUnreadAlerts(c.env, db, tenant.id);
			return c.json({ unread: await unreadAlertCount(db, tenant.id) }, 200);
		},
	);

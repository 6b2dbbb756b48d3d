import { createRoute, z } from "@hono/zod-openapi";
import { desc, sql } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { outboxEmails } from "../../schema/tables/activity";
import type { AppEnv, Db } from "../app-env";
import { AppError } from "../errors";
import { renderOutboxPage } from "./dev-outbox-page";
import { createRouter } from "./router";

const OUTBOX_LIMIT = 200;

// Scripts are never needed to read mail; the rendered HTML parts inherit this policy in their iframes.
const OUTBOX_PAGE_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const OutboxEmailSchema = z.object({
	to: z.string(),
	subject: z.string(),
	text: z.string(),
	html: z.string(),
	sentAt: z.string(),
});

export type OutboxEmail = z.infer<typeof OutboxEmailSchema>;

/** The outbox holds live sign-in links, so it exists only where ENVIRONMENT says development. */
const developmentOnly = createMiddleware<AppEnv>(async (c, next) => {
	if (c.env.ENVIRONMENT !== "development") {
		throw new AppError(404, "not_found", "There is nothing at this address.");
	}
	await next();
});

async function newestOutboxEmails(db: Db): Promise<OutboxEmail[]> {
	const rows = await db
		.select({
			to: outboxEmails.to,
			subject: outboxEmails.subject,
			text: outboxEmails.text,
			html: outboxEmails.html,
			sentAt: outboxEmails.sentAt,
		})
		.from(outboxEmails)
		// workerd's clock only moves on I/O, so two sends can share a millisecond; rowid keeps their order.
		.orderBy(desc(outboxEmails.sentAt), desc(sql`rowid`))
		.limit(OUTBOX_LIMIT);
	return rows.map((row) => ({ ...row, sentAt: new Date(row.sentAt).toISOString() }));
}

export const devOutboxRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/dev/outbox.json",
			hide: true,
			middleware: [developmentOnly] as const,
			responses: {
				200: {
					description: "Emails the app would have sent, newest first",
					content: { "application/json": { schema: z.array(OutboxEmailSchema) } },
				},
			},
		}),
		async (c) => {
			c.header("Cache-Control", "no-store");
			return c.json(await newestOutboxEmails(c.var.db), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/dev/outbox",
			hide: true,
			middleware: [developmentOnly] as const,
			responses: {
				200: {
					description: "The outbox as a page",
					content: { "text/html": { schema: z.string() } },
				},
			},
		}),
		async (c) => {
			c.header("Cache-Control", "no-store");
			c.header("Content-Security-Policy", OUTBOX_PAGE_CSP);
			return c.html(renderOutboxPage(await newestOutboxEmails(c.var.db)), 200);
		},
	);

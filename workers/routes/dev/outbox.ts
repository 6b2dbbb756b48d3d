import { createRoute, z } from "@hono/zod-openapi";
import { newestOutboxEmails } from "../../email/outbox";
import { createRouter } from "../router";
import { renderOutboxPage } from "./outbox-page";

// Scripts are never needed to read mail; the rendered HTML parts inherit this policy in their iframes.
const OUTBOX_PAGE_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const OutboxEmailSchema = z.object({
	to: z.string(),
	subject: z.string(),
	text: z.string(),
	html: z.string(),
	/** Extra headers as they would be sent: List-Unsubscribe, List-Unsubscribe-Post. */
	headers: z.record(z.string(), z.string()),
	sentAt: z.string(),
});

/** The emails the app would have sent, as JSON for tests and as a page for people. */
export const devOutboxRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/outbox.json",
			hide: true,
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
			path: "/outbox",
			hide: true,
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

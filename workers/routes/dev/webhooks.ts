import { createRoute, z } from "@hono/zod-openapi";
import { newestInboxDeliveries, receiveAtInbox } from "../../domain/webhooks/dev-inbox";
import { escapeHtml } from "../../email/templates/layout";
import { errorEnvelope } from "../../errors";
import { createRouter } from "../router";

const PAGE_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const InboxDeliverySchema = z.object({
	url: z.string(),
	headers: z.record(z.string(), z.string()),
	body: z.string(),
	verified: z.boolean(),
	receivedAt: z.string(),
});

/** The local webhook inbox: receives what the app sends, verifies it, and shows it. */
export const devWebhookRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/webhooks/inbox",
			hide: true,
			responses: {
				200: { description: "Received and verified" },
				400: { description: "Signature did not verify" },
			},
		}),
		async (c) => {
			const received = await receiveAtInbox(c.var.db, c.req.raw, Date.now());
			if (!received.verified) {
				return c.json(
					errorEnvelope("invalid_signature", "The webhook signature did not verify."),
					400,
				) as never;
			}
			return c.json({ received: true }, 200) as never;
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/webhooks.json",
			hide: true,
			responses: {
				200: {
					description: "Deliveries the inbox received, newest first",
					content: { "application/json": { schema: z.array(InboxDeliverySchema) } },
				},
			},
		}),
		async (c) => {
			c.header("Cache-Control", "no-store");
			return c.json(await newestInboxDeliveries(c.var.db), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/webhooks",
			hide: true,
			responses: {
				200: { description: "The inbox as a page", content: { "text/html": { schema: z.string() } } },
			},
		}),
		async (c) => {
			c.header("Cache-Control", "no-store");
			c.header("Content-Security-Policy", PAGE_CSP);
			const items = (await newestInboxDeliveries(c.var.db))
				.map(
					(d) => `<article>
<h2>${escapeHtml(JSON.parse(d.body)?.type ?? "?")} <span class="${d.verified ? "ok" : "bad"}">${d.verified ? "signature verified" : "signature did not verify"}</span></h2>
<dl><dt>Received</dt><dd>${escapeHtml(d.receivedAt)}</dd>${Object.entries(d.headers)
						.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
						.join("")}</dl>
<pre>${escapeHtml(JSON.stringify(JSON.parse(d.body), null, 2))}</pre>
</article>`,
				)
				.join("\n");
			return c.html(
				`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Webhook inbox (development)</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1f2933; }
article { border: 1px solid #cbd2d9; border-radius: 8px; padding: 1rem; margin: 0 0 1.5rem; }
h2 { font-size: 1.15rem; margin: 0 0 0.5rem; }
.ok { color: #1b7f3b; font-size: 0.9rem; } .bad { color: #b42318; font-size: 0.9rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f5f7; padding: 0.75rem; border-radius: 6px; }
</style></head>
<body><h1>Webhook inbox</h1>
<p>What the app sent to endpoints pointing at ${escapeHtml(new URL(c.req.url).origin)}/dev/webhooks/inbox, newest first, and whether each signature verified. This page exists only in development.</p>
${items || "<p>Nothing received yet. Create a job and its events arrive here.</p>"}
</body></html>`,
				200,
			);
		},
	);

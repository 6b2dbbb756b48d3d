import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { contacts } from "../../../schema/tables/accounts";
import { emailOptOuts, type NotifyStage } from "../../../schema/tables/notifications";
import { tenants } from "../../../schema/tables/tenants";
import type { AppEnv } from "../../app-env";
import { UnsubscribeAnswerSchema } from "../../contracts/notifications";
import { errorResponses } from "../../contracts/openapi";
import { jsonAnswer } from "../../contracts/staff";
import { setSubscription, stageOn } from "../../domain/notifications/preferences";
import { readUnsubscribeToken, type UnsubscribeSubject } from "../../domain/notifications/unsubscribe-token";
import { escapeHtml } from "../../email/templates/layout";
import { AppError } from "../../errors";
import { unsubscribeSecret } from "../../queues/notification-queue";
import { createRouter } from "../router";

const tags = ["notifications"];
const TokenParam = z.object({ token: z.string().min(1).max(2000) });

const STAGE_NAMES: Record<NotifyStage, string> = {
	booked: "booking confirmations",
	scheduled: "scheduling updates",
	on_the_way: "“on the way” emails",
	arriving: "“arriving soon” emails",
	paused: "“job paused” emails",
	completed: "“job completed” emails",
	cancelled: "cancellation emails",
	estimate: "estimate emails",
	invoice: "invoice emails and reminders",
};

async function subjectOf(c: Context<AppEnv>, token: string): Promise<UnsubscribeSubject> {
	const subject = await readUnsubscribeToken(unsubscribeSecret(c.env), token);
	if (!subject)
		throw new AppError(
			400,
			"invalid_link",
			"This unsubscribe link is not valid. Use the link from the email.",
		);
	return subject;
}

/** Whether the subject still gets this stage's emails. */
async function subscribed(c: Context<AppEnv>, s: UnsubscribeSubject): Promise<boolean> {
	const db = c.var.db;
	if (s.contactId) {
		const row = await db
			.select({ p: contacts.notifyPrefs, t: contacts.tenantId })
			.from(contacts)
			.where(eq(contacts.id, s.contactId))
			.get();
		return row?.t === s.tenantId ? stageOn(row.p, s.stage) : false;
	}
	const rows = await db
		.select()
		.from(emailOptOuts)
		.where(eq(emailOptOuts.emailNormalized, s.email ?? ""));
	return !rows.some((r) => r.tenantId === s.tenantId && r.stage === s.stage);
}

/** A browser's form (the page's buttons) gets the page again; a mail client's one-click POST gets JSON. */
const wantsPage = (c: Context<AppEnv>) => (c.req.header("Accept") ?? "").includes("text/html");

async function change(c: Context<AppEnv>, token: string, on: boolean) {
	const subject = await subjectOf(c, token);
	await setSubscription(c.var.db, subject, on);
	if (wantsPage(c)) return c.redirect(`/api/unsubscribe/${encodeURIComponent(token)}`, 303);
	return c.json({ stage: subject.stage, subscribed: on }, 200);
}

/**
 * One-click unsubscribe (RFC 8058): `List-Unsubscribe-Post: List-Unsubscribe=One-Click` POSTs
 * here with no cookie; the signed token names the person and the stage. The page (GET) changes
 * nothing (mail scanners fetch links): it shows the stage's state, with a button either way.
 */
export const unsubscribeRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/unsubscribe/{token}",
			tags,
			summary: "One-click unsubscribe from one stage's emails; no cookie needed",
			description:
				"The body is the form `List-Unsubscribe=One-Click` (anything else is ignored). 400 `invalid_link` when the token was tampered with.",
			request: { params: TokenParam },
			responses: { 200: jsonAnswer("That stage is off", UnsubscribeAnswerSchema), ...errorResponses(400) },
		}),
		async (c) => change(c, c.req.valid("param").token, false) as never,
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/unsubscribe/{token}/resubscribe",
			tags,
			summary: "Turn that stage's emails back on",
			request: { params: TokenParam },
			responses: { 200: jsonAnswer("That stage is on", UnsubscribeAnswerSchema), ...errorResponses(400) },
		}),
		async (c) => change(c, c.req.valid("param").token, true) as never,
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/unsubscribe/{token}",
			tags,
			summary: "The unsubscribe page: what is off, and a button to turn it back on (or off)",
			request: { params: TokenParam },
			responses: {
				200: { description: "The page", content: { "text/html": { schema: z.string() } } },
				...errorResponses(400),
			},
		}),
		async (c) => {
			const { token } = c.req.valid("param");
			const subject = await readUnsubscribeToken(unsubscribeSecret(c.env), token);
			// A browser gets a page saying so; anything else the error envelope, like every other 400.
			if (!subject && !wantsPage(c)) await subjectOf(c, token);
			if (!subject)
				return c.html(
					page("Link not valid", "<p>This unsubscribe link is not valid. Use the link from the email.</p>"),
					400,
				);
			const tenant = await c.var.db
				.select({ name: tenants.name, slug: tenants.slug })
				.from(tenants)
				.where(eq(tenants.id, subject.tenantId))
				.get();
			const on = await subscribed(c, subject);
			const what = STAGE_NAMES[subject.stage];
			const name = escapeHtml(tenant?.name ?? "this company");
			const action = `/api/unsubscribe/${encodeURIComponent(token)}`;
			const body = on
				? `<p>You get ${escapeHtml(what)} from ${name}.</p>
<form method="post" action="${action}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe from ${escapeHtml(what)}</button></form>`
				: `<p role="status"><strong>You're unsubscribed from ${escapeHtml(what)}</strong> from ${name}. Other emails (sign-in links, receipts, other stages) still come.</p>
<form method="post" action="${action}/resubscribe"><button type="submit">Turn ${escapeHtml(what)} back on</button></form>
${tenant ? `<p>You can choose every kind of email on your <a href="/c/${escapeHtml(tenant.slug)}/profile">profile page</a>.</p>` : ""}`;
			c.header("Cache-Control", "no-store");
			return c.html(page(on ? "Email preferences" : "Unsubscribed", body), 200);
		},
	);

function page(title: string, body: string): string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2933}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #1f4e79;background:#1f4e79;color:#fff;cursor:pointer}button:focus-visible{outline:3px solid #f2a900;outline-offset:2px}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { locales } from "../../schema/locales";
import type { Audience } from "../../schema/tables/auth";
import type { AppEnv } from "../app-env";
import { linkOrigin } from "../app-origin";
import { EmailField, errorResponses, MeSchema, SlugParam } from "../contracts/openapi";
import { AUDIENCE_LABEL } from "../domain/sign-in/audiences";
import { setPreferredLocale } from "../domain/sign-in/identities";
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from "../domain/sign-in/sessions";
import {
	requestSignIn,
	type StartedSession,
	signInWithCode,
	signInWithLink,
	signOut,
} from "../domain/sign-in/sign-in";
import { tenantGate } from "../live/channels";
import { requestMeta } from "../request-meta";
import { createRouter } from "./router";

const json = <T extends z.ZodType>(schema: T) => ({
	content: { "application/json": { schema } },
	required: true,
});
const ok = <T extends z.ZodType>(description: string, schema: T) => ({
	description,
	content: { "application/json": { schema } },
});

const LinkBody = z
	.object({
		email: EmailField,
		/** The language of the page asking: the email's, unless the person chose one before. */
		locale: z.enum(locales).optional(),
	})
	.openapi("SignInLinkRequest");
const LocaleBody = z
	.object({ locale: z.enum(locales).nullable() })
	.openapi("PreferredLocaleRequest", { description: "null: the browser's language, else the tenant's" });
const ConsumeBody = z.object({ token: z.string().min(16).max(128) }).openapi("SignInConsumeRequest");
const CodeBody = z
	.object({
		email: EmailField,
		code: z
			.string()
			.transform((v) => v.replace(/[\s-]/g, ""))
			.pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from the email.")),
	})
	.openapi("SignInCodeRequest");

/** Puts a started session's cookie on the answer, which must not be stored. */
export function setSessionCookie(c: Context<AppEnv>, started: StartedSession) {
	setCookie(c, SESSION_COOKIE, started.sessionId, {
		path: "/",
		secure: true,
		httpOnly: true,
		sameSite: "Lax",
		maxAge: SESSION_ABSOLUTE_MS / 1000,
	});
	c.header("Cache-Control", "no-store");
}

/** Answers a started session: the cookie, and the person it is. */
function sessionStarted(c: Context<AppEnv>, started: StartedSession) {
	setSessionCookie(c, started);
	return c.json(started.me, 200);
}

/** Ends sessions (see `signOut`), then clears the browser's state. */
async function signedOut(c: Context<AppEnv>, everywhere: boolean) {
	const { db, live, tenant, session, me } = c.var;
	await signOut({ db, live, meta: requestMeta(c) }, tenant, session, me, everywhere);
	deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
	c.header("Clear-Site-Data", '"cookies"');
	return c.body(null, 204);
}

/**
 * Sign-in, sessions and `/me` of one audience, mounted in its router: the three sign-in steps
 * are the audience's only routes open without a session.
 */
export function signInRoutes(audience: Audience) {
	const tags = [`${AUDIENCE_LABEL[audience]} sign-in`];
	return createRouter()
		.openapi(
			createRoute({
				method: "post",
				path: "/auth/link",
				tags,
				summary: "Email a sign-in link and code",
				description:
					"Always 202 whether or not the address is known, so the answer never reveals who has an account.",
				request: { params: SlugParam, body: json(LinkBody) },
				responses: {
					202: ok("Accepted", z.object({ ok: z.literal(true) })),
					...errorResponses(400, 403, 404, 429),
				},
			}),
			async (c) => {
				const { db, tenant, sendEmail } = c.var;
				const deps = {
					db,
					gate: tenantGate(c.env, tenant.id),
					sendEmail,
					meta: requestMeta(c),
					origin: linkOrigin(c.env, c.req.url),
				};
				const { email, locale } = c.req.valid("json");
				const send = await requestSignIn(deps, tenant, audience, email, locale);
				// Everything that depends on whether the address is known happens after the answer.
				c.executionCtx.waitUntil(
					send().catch((err: unknown) =>
						console.error("sign-in email failed", { tenant: tenant.slug, err: String(err) }),
					),
				);
				return c.json({ ok: true as const }, 202);
			},
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/auth/consume",
				tags,
				summary: "Exchange a sign-in link's token for a session",
				request: { params: SlugParam, body: json(ConsumeBody) },
				responses: {
					200: ok("Signed in; sets the session cookie", MeSchema),
					...errorResponses(400, 401, 404),
				},
			}),
			async (c) => {
				const { token } = c.req.valid("json");
				return sessionStarted(
					c,
					await signInWithLink(c.var.db, requestMeta(c), c.var.tenant, audience, token),
				);
			},
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/auth/code",
				tags,
				summary: "Sign in with the 6-digit code from the email",
				request: { params: SlugParam, body: json(CodeBody) },
				responses: {
					200: ok("Signed in; sets the session cookie", MeSchema),
					...errorResponses(400, 401, 404),
				},
			}),
			async (c) => {
				const { email, code } = c.req.valid("json");
				const input = { emailNormalized: email.normalized, code };
				return sessionStarted(
					c,
					await signInWithCode(c.var.db, requestMeta(c), c.var.tenant, audience, input),
				);
			},
		)
		.openapi(
			createRoute({
				method: "get",
				path: "/me",
				tags,
				summary: "The signed-in person",
				request: { params: SlugParam },
				responses: { 200: ok("Signed in", MeSchema), ...errorResponses(401, 403, 404) },
			}),
			(c) => c.json(c.var.me, 200),
		)
		.openapi(
			createRoute({
				method: "put",
				path: "/me/locale",
				tags,
				summary: "Choose the language of pages and emails",
				request: { params: SlugParam, body: json(LocaleBody) },
				responses: {
					200: ok("The person, with the language", MeSchema),
					...errorResponses(400, 401, 403, 404),
				},
			}),
			async (c) => {
				const { db, tenant, me } = c.var;
				const { locale } = c.req.valid("json");
				await setPreferredLocale(db, tenant.id, audience, me.id, locale);
				c.header("Cache-Control", "no-store");
				return c.json({ ...me, locale }, 200);
			},
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/auth/logout",
				tags,
				summary: "Sign out this browser",
				request: { params: SlugParam },
				responses: { 204: { description: "Signed out" }, ...errorResponses(401, 403, 404) },
			}),
			(c) => signedOut(c, false),
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/auth/logout-everywhere",
				tags,
				summary: "Sign out on every device",
				request: { params: SlugParam },
				responses: { 204: { description: "Every session ended" }, ...errorResponses(401, 403, 404) },
			}),
			(c) => signedOut(c, true),
		);
}

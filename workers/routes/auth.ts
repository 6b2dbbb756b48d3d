import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { linkOrigin } from "../app-origin";
import { EmailField, errorResponses, MeSchema, SlugParam } from "../contracts/openapi";
import { AREA_AUDIENCE, type Area, AUDIENCE_LABEL } from "../domain/audiences";
import { auditInsert, recordAudit } from "../domain/audit";
import { normalizeEmail } from "../domain/email";
import { ensureCustomerContact, findRecipient, loadMe, markSignedIn } from "../domain/identities";
import { rememberSignIn } from "../domain/recent-sign-ins";
import { sendLimitsFor } from "../domain/send-limits";
import {
	createSession,
	deleteSessionStatement,
	deleteSubjectSessionsStatement,
	SESSION_ABSOLUTE_MS,
	SESSION_COOKIE,
} from "../domain/sessions";
import { consumeCode, consumeLinkToken, createSignIn, type SignInToken, signInLink } from "../domain/sign-in";
import { tenantGate } from "../durable-objects/board-feed";
import { closeCustomerSockets } from "../durable-objects/relay-feed";
import { emailBrandingOf } from "../email/branding";
import { signInEmail } from "../email/templates/sign-in";
import { AppError } from "../errors";
import { customerBlocked, requireSession } from "../middleware/session";
import { resolveTenant } from "../middleware/tenant";
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

const LinkBody = z.object({ email: EmailField }).openapi("SignInLinkRequest");
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

const actorTypeOf = (audience: SignInToken["audience"]) => (audience === "customer" ? "contact" : audience);

/** Sign-in, sessions and `/me` for one area: /api/c (customers), /api/d (staff), /api/t (technicians). */
export function authRoutes(area: Area) {
	const audience = AREA_AUDIENCE[area];
	const base = `/api/${area}/{slug}`;
	const tags = [`${AUDIENCE_LABEL[audience]} sign-in`];

	const startSession = async (c: Context<AppEnv>, signIn: SignInToken, method: "link" | "code") => {
		const { db, tenant } = c.var;
		const meta = requestMeta(c);
		const subjectId =
			signIn.subjectId ?? (await ensureCustomerContact(db, tenant.id, signIn.emailNormalized));
		const me = await loadMe(db, tenant.id, audience, subjectId);
		// Blocked or disabled between the email and the click.
		if (me === "blocked") throw customerBlocked(tenant.name);
		if (!me) throw new AppError(401, "invalid_link", "This sign-in is no longer valid. Request a new one.");
		const { id, session } = await createSession(db, { tenantId: tenant.id, audience, subjectId, ...meta });
		// The session's next list read may then be sent with its session check, in one round trip.
		rememberSignIn(session.idHash, { tenant, audience, me });
		await Promise.all([
			markSignedIn(db, audience, subjectId, Date.now()),
			recordAudit(db, {
				tenantId: tenant.id,
				actorType: actorTypeOf(audience),
				actorId: subjectId,
				actorLabel: me.name,
				action: "auth.signed_in",
				data: { method },
				...meta,
			}),
		]);
		setCookie(c, SESSION_COOKIE, id, {
			path: "/",
			secure: true,
			httpOnly: true,
			sameSite: "Lax",
			maxAge: SESSION_ABSOLUTE_MS / 1000,
		});
		c.header("Cache-Control", "no-store");
		return c.json(me, 200);
	};

	return createRouter()
		.openapi(
			createRoute({
				method: "post",
				path: `${base}/auth/link`,
				tags,
				summary: "Email a sign-in link and code",
				description:
					"Always 202 whether or not the address is known, so the answer never reveals who has an account.",
				middleware: [resolveTenant] as const,
				request: { params: SlugParam, body: json(LinkBody) },
				responses: {
					202: ok("Accepted", z.object({ ok: z.literal(true) })),
					...errorResponses(400, 403, 404, 429),
				},
			}),
			async (c) => {
				const { db, tenant, sendEmail } = c.var;
				const { email } = c.req.valid("json");
				const meta = requestMeta(c);
				const gate = tenantGate(c.env, tenant.id);
				const claim = await gate.claimSend(
					sendLimitsFor({
						emailNormalized: email.normalized,
						ip: meta.ip,
						tenantCeilingPerHour: tenant.settings.sendCeilingPerHour,
					}),
				);
				if (!claim.allowed) {
					c.executionCtx.waitUntil(
						recordAudit(db, {
							tenantId: tenant.id,
							actorType: "anonymous",
							action: "auth.link_refused",
							data: { email: email.normalized, audience, retryAfterSeconds: claim.retryAfterSeconds },
							...meta,
						}),
					);
					throw new AppError(
						429,
						"rate_limited",
						`Too many sign-in emails. Try again in ${claim.retryAfterSeconds} seconds.`,
						undefined,
						{ "Retry-After": String(claim.retryAfterSeconds) },
					);
				}
				// Everything that depends on whether the address is known happens after the answer.
				const origin = linkOrigin(c.env, c.req.url);
				c.executionCtx.waitUntil(
					(async () => {
						const recipient = await findRecipient(db, tenant, audience, email.normalized);
						if (!recipient.send || !origin) {
							const reason = recipient.send ? "app_origin_not_configured" : recipient.reason;
							await recordAudit(db, {
								tenantId: tenant.id,
								actorType: "anonymous",
								action: "auth.link_not_sent",
								data: { email: email.normalized, audience, reason },
								...meta,
							});
							return;
						}
						const signIn = await createSignIn(db, {
							tenantId: tenant.id,
							audience,
							emailNormalized: email.normalized,
							subjectId: recipient.subjectId,
							ip: meta.ip,
						});
						const message = signInEmail({
							...emailBrandingOf(tenant, origin),
							link: signInLink(origin, area, tenant.slug, signIn.token),
							code: signIn.code,
							audienceLabel: AUDIENCE_LABEL[audience],
							expiresInMinutes: 10,
						});
						const { delivered } = await sendEmail({
							tenantId: tenant.id,
							to: email.email,
							...message,
							idempotencyKey: `sign-in/${signIn.id}`,
						});
						await recordAudit(db, {
							tenantId: tenant.id,
							actorType: "anonymous",
							actorId: recipient.subjectId,
							action: delivered ? "auth.link_sent" : "auth.link_send_failed",
							data: { email: email.normalized, audience },
							...meta,
						});
					})().catch((err: unknown) =>
						console.error("sign-in email failed", { tenant: tenant.slug, err: String(err) }),
					),
				);
				return c.json({ ok: true as const }, 202);
			},
		)
		.openapi(
			createRoute({
				method: "post",
				path: `${base}/auth/consume`,
				tags,
				summary: "Exchange a sign-in link's token for a session",
				middleware: [resolveTenant] as const,
				request: { params: SlugParam, body: json(ConsumeBody) },
				responses: {
					200: ok("Signed in; sets the session cookie", MeSchema),
					...errorResponses(400, 401, 404),
				},
			}),
			async (c) => {
				const { token } = c.req.valid("json");
				const signIn = await consumeLinkToken(c.var.db, { tenantId: c.var.tenant.id, audience, token });
				if (!signIn) {
					throw new AppError(401, "invalid_link", "This sign-in link is invalid, already used or expired.");
				}
				return startSession(c, signIn, "link");
			},
		)
		.openapi(
			createRoute({
				method: "post",
				path: `${base}/auth/code`,
				tags,
				summary: "Sign in with the 6-digit code from the email",
				middleware: [resolveTenant] as const,
				request: { params: SlugParam, body: json(CodeBody) },
				responses: {
					200: ok("Signed in; sets the session cookie", MeSchema),
					...errorResponses(400, 401, 404),
				},
			}),
			async (c) => {
				const { db, tenant } = c.var;
				const { email, code } = c.req.valid("json");
				const result = await consumeCode(db, {
					tenantId: tenant.id,
					audience,
					emailNormalized: email.normalized,
					code,
				});
				if (!result.ok) {
					await recordAudit(db, {
						tenantId: tenant.id,
						actorType: "anonymous",
						action: result.voided ? "auth.code_voided" : "auth.code_failed",
						data: { email: email.normalized, audience },
						...requestMeta(c),
					});
					throw new AppError(
						401,
						"invalid_code",
						result.voided
							? "Too many wrong codes. Request a new sign-in email."
							: "That code is not right, or it has expired.",
					);
				}
				return startSession(c, result.signIn, "code");
			},
		)
		.openapi(
			createRoute({
				method: "get",
				path: `${base}/me`,
				tags,
				summary: "The signed-in person",
				middleware: [resolveTenant, requireSession(audience)] as const,
				request: { params: SlugParam },
				responses: { 200: ok("Signed in", MeSchema), ...errorResponses(401, 403, 404) },
			}),
			(c) => c.json(c.var.me, 200),
		)
		.openapi(
			createRoute({
				method: "post",
				path: `${base}/auth/logout`,
				tags,
				summary: "Sign out this browser",
				middleware: [resolveTenant, requireSession(audience)] as const,
				request: { params: SlugParam },
				responses: { 204: { description: "Signed out" }, ...errorResponses(401, 403, 404) },
			}),
			async (c) => endSessions(c, "auth.signed_out", deleteSessionStatement(c.var.db, c.var.session.idHash)),
		)
		.openapi(
			createRoute({
				method: "post",
				path: `${base}/auth/logout-everywhere`,
				tags,
				summary: "Sign out on every device",
				middleware: [resolveTenant, requireSession(audience)] as const,
				request: { params: SlugParam },
				responses: { 204: { description: "Every session ended" }, ...errorResponses(401, 403, 404) },
			}),
			async (c) => {
				const { tenantId, subjectId } = c.var.session;
				return endSessions(
					c,
					"auth.signed_out_everywhere",
					deleteSubjectSessionsStatement(c.var.db, { tenantId, audience, subjectId }),
				);
			},
		);
}

/** Deletes sessions and records it in one atomic batch, then clears the browser's state. */
async function endSessions(
	c: Context<AppEnv>,
	action: string,
	deletion: ReturnType<typeof deleteSessionStatement>,
): Promise<Response> {
	const { db, tenant, session, me } = c.var;
	await db.batch([
		deletion,
		auditInsert(db, {
			tenantId: tenant.id,
			actorType: actorTypeOf(session.audience),
			actorId: me.id,
			actorLabel: me.name,
			action,
			...requestMeta(c),
		}),
	]);
	if (session.audience === "customer") {
		// Their live views stop at once: this browser's, or every one of theirs.
		const contact = { id: me.id, emailNormalized: normalizeEmail(me.email) };
		const tag = action === "auth.signed_out" ? `session:${session.idHash}` : `contact:${me.id}`;
		await closeCustomerSockets(c.env, db, tenant.id, contact, "signed out", tag);
	}
	if (session.audience === "staff") {
		// Open boards of what just ended stop receiving at once.
		const tag = action === "auth.signed_out" ? `session:${session.idHash}` : `staff:${me.id}`;
		await tenantGate(c.env, tenant.id).closeSockets(tag, "signed out");
	}
	deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
	c.header("Clear-Site-Data", '"cookies"');
	return c.body(null, 204);
}

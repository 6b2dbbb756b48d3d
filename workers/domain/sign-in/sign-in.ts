import type { Locale } from "../../../schema/locales";
import type { Audience } from "../../../schema/tables/auth";
import type { Db } from "../../db";
import { emailBrandingOf } from "../../email/branding";
import { signInEmail } from "../../email/templates/sign-in";
import type { SendEmail } from "../../email/types";
import { AppError } from "../../errors";
import { auditInsert, recordAudit } from "../activity/audit";
import { normalizeEmail } from "../email";
import type { LiveChannels } from "../live/live-jobs";
import { negotiateLocale } from "../locale";
import type { RequestMeta } from "../request-meta";
import { sendCeilingOf } from "../start/new-tenant";
import type { Tenant } from "../tenant/tenant";
import { announceAccessEnded, endSubjectSessionsStatements } from "./access-ended";
import { AUDIENCE_AREA, AUDIENCE_AUDIT_ACTOR, type Me } from "./audiences";
import { ensureCustomerContact, findRecipient, loadMe, markSignedIn } from "./identities";
import { rememberSignIn } from "./recent-sign-ins";
import { sendLimitsFor } from "./send-limits";
import { createSession, deleteSessionStatement, type Session } from "./sessions";
import { consumeCode, consumeLinkToken, createSignIn, type SignInToken, signInLink } from "./sign-in-tokens";

/** What sign-in needs of the tenant's `TenantGate`: the send limits. */
export interface SendGate {
	claimSend(
		limits: ReturnType<typeof sendLimitsFor>,
	): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}

/** What a blocked customer is told, on their next request and when they try to sign in. */
export const customerBlocked = (tenantName: string) =>
	new AppError(
		403,
		"customer_blocked",
		`Your access to ${tenantName}'s portal is turned off. Please contact ${tenantName}.`,
	);

export type SignInRequest = {
	db: Db;
	gate: SendGate;
	sendEmail: SendEmail;
	meta: RequestMeta;
	/** The origin the emailed link points at; null (unconfigured outside development) sends nothing. */
	origin: string | null;
};

/**
 * Step 1: claims a send under the limits (429 when refused, audited), and returns the work
 * that depends on whether the address is known — to run after the answer, so the answer
 * never reveals who has an account: find the person, create the link and code, email them.
 */
export async function requestSignIn(
	deps: SignInRequest,
	tenant: Tenant,
	audience: Audience,
	email: { email: string; normalized: string },
	/** The language of the page that asked, used when the person has not chosen one. */
	pageLocale?: Locale,
): Promise<() => Promise<void>> {
	const { db, meta } = deps;
	const anonymous = { tenantId: tenant.id, actorType: "anonymous" as const, ...meta };
	const claim = await deps.gate.claimSend(
		sendLimitsFor({
			emailNormalized: email.normalized,
			ip: meta.ip,
			tenantCeilingPerHour: sendCeilingOf(tenant),
		}),
	);
	if (!claim.allowed) {
		await recordAudit(db, {
			...anonymous,
			action: "auth.link_refused",
			data: { email: email.normalized, audience, retryAfterSeconds: claim.retryAfterSeconds },
		});
		throw new AppError(
			429,
			"rate_limited",
			`Too many sign-in emails. Try again in ${claim.retryAfterSeconds} seconds.`,
			undefined,
			{ "Retry-After": String(claim.retryAfterSeconds) },
		);
	}
	return async () => {
		const recipient = await findRecipient(db, tenant, audience, email.normalized);
		const origin = deps.origin;
		if (!recipient.send || !origin) {
			const reason = recipient.send ? "app_origin_not_configured" : recipient.reason;
			await recordAudit(db, {
				...anonymous,
				action: "auth.link_not_sent",
				data: { email: email.normalized, audience, reason },
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
			locale: negotiateLocale([recipient.locale, pageLocale], tenant.settings.defaultLocale),
			link: signInLink(origin, AUDIENCE_AREA[audience], tenant.slug, signIn.token),
			code: signIn.code,
			audience,
			expiresInMinutes: 10,
		});
		const { delivered } = await deps.sendEmail({
			tenantId: tenant.id,
			to: email.email,
			...message,
			idempotencyKey: `sign-in/${signIn.id}`,
		});
		await recordAudit(db, {
			...anonymous,
			actorId: recipient.subjectId,
			action: delivered ? "auth.link_sent" : "auth.link_send_failed",
			data: { email: email.normalized, audience },
		});
	};
}

export type StartedSession = { sessionId: string; session: Session; me: Me };

/** Step 2 by link: consumes the token atomically and starts a session; 401 when invalid, used or expired. */
export async function signInWithLink(
	db: Db,
	meta: RequestMeta,
	tenant: Tenant,
	audience: Audience,
	token: string,
): Promise<StartedSession> {
	const signIn = await consumeLinkToken(db, { tenantId: tenant.id, audience, token });
	if (!signIn)
		throw new AppError(401, "invalid_link", "This sign-in link is invalid, already used or expired.");
	return startSession(db, meta, tenant, signIn, "link");
}

/** Step 2 by code: five wrong tries void it (audited); a right one starts a session. */
export async function signInWithCode(
	db: Db,
	meta: RequestMeta,
	tenant: Tenant,
	audience: Audience,
	input: { emailNormalized: string; code: string },
): Promise<StartedSession> {
	const result = await consumeCode(db, { tenantId: tenant.id, audience, ...input });
	if (!result.ok) {
		await recordAudit(db, {
			tenantId: tenant.id,
			actorType: "anonymous",
			action: result.voided ? "auth.code_voided" : "auth.code_failed",
			data: { email: input.emailNormalized, audience },
			...meta,
		});
		throw new AppError(
			401,
			"invalid_code",
			result.voided
				? "Too many wrong codes. Request a new sign-in email."
				: "That code is not right, or it has expired.",
		);
	}
	return startSession(db, meta, tenant, result.signIn, "code");
}

async function startSession(
	db: Db,
	meta: RequestMeta,
	tenant: Tenant,
	signIn: SignInToken,
	method: "link" | "code",
): Promise<StartedSession> {
	const { audience } = signIn;
	const subjectId = signIn.subjectId ?? (await ensureCustomerContact(db, tenant.id, signIn.emailNormalized));
	const me = await loadMe(db, tenant.id, audience, subjectId);
	// Blocked or disabled between the email and the click.
	if (me === "blocked") throw customerBlocked(tenant.name);
	if (!me) throw new AppError(401, "invalid_link", "This sign-in is no longer valid. Request a new one.");
	const { id, session } = await createSession(db, { tenantId: tenant.id, audience, subjectId, ...meta });
	// The session's next list read may then be sent with its session check, in one round trip.
	rememberSignIn(session.idHash, { tenant, audience, me, session });
	await Promise.all([
		markSignedIn(db, audience, subjectId, Date.now()),
		recordAudit(db, {
			tenantId: tenant.id,
			actorType: AUDIENCE_AUDIT_ACTOR[audience],
			actorId: subjectId,
			actorLabel: me.name,
			action: "auth.signed_in",
			data: { method },
			...meta,
		}),
	]);
	return { sessionId: id, session, me };
}

/**
 * Signs out this browser (`everywhere: false`) or every device of the person: the sessions are
 * deleted and the sign-out audited in one atomic batch, then the live views and boards those
 * sessions had open are closed at once.
 */
export async function signOut(
	deps: { db: Db; live: LiveChannels; meta: RequestMeta },
	tenant: Tenant,
	session: Session,
	me: Me,
	everywhere: boolean,
): Promise<void> {
	const { db, live } = deps;
	const { audience, subjectId } = session;
	const audit = auditInsert(db, {
		tenantId: tenant.id,
		actorType: AUDIENCE_AUDIT_ACTOR[audience],
		actorId: me.id,
		actorLabel: me.name,
		action: everywhere ? "auth.signed_out_everywhere" : "auth.signed_out",
		...deps.meta,
	});
	await db.batch([
		audit,
		...(everywhere
			? endSubjectSessionsStatements(
					db,
					{ tenantId: tenant.id, audience, subjectId },
					"signed_out",
					Date.now(),
					session.idHash,
				)
			: [deleteSessionStatement(db, session.idHash)]),
	]);
	const thisBrowser = `session:${session.idHash}`;
	if (everywhere) {
		// Every other open page of theirs is told at once; this one signed out by itself.
		await announceAccessEnded(live.accessGate(tenant.id), {
			audience,
			personId: subjectId,
			reason: "signed_out",
			exceptSessionHash: session.idHash,
		});
	}
	if (audience === "customer") {
		const contact = { id: me.id, emailNormalized: normalizeEmail(me.email) };
		await live.closeCustomerSockets(
			tenant.id,
			contact,
			"signed out",
			everywhere ? `contact:${me.id}` : thisBrowser,
		);
	}
	if (audience === "staff") {
		await live.closeStaffSockets(tenant.id, everywhere ? `staff:${me.id}` : thisBrowser, "signed out");
	}
}

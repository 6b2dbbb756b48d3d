import { expect } from "vitest";
import { outboxFor, postJson, sessionCookieFrom, tokenFrom } from "./auth-helpers";
import { randomIp } from "./fixtures";
import { callToCompletion } from "./helpers";

export const uniqueSlug = (prefix = "fleet") => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

export function startBody(overrides: Record<string, unknown> = {}) {
	const domain = `${crypto.randomUUID().slice(0, 8)}.example`;
	return {
		company: "Riverside Couriers",
		email: `owner@${domain}`,
		slug: uniqueSlug(),
		timezone: "America/Chicago",
		currency: "USD",
		kind: "courier",
		...overrides,
	};
}

/** POST /api/start from an IP of its own (unless given), to completion: the email is out by then. */
export function postStart(body: Record<string, unknown>, ip = randomIp()) {
	return callToCompletion("/api/start", {
		method: "POST",
		headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
		body: JSON.stringify(body),
	});
}

export type StartedTenant = {
	tenant: { id: string; slug: string; name: string; status: string };
	me: { id: string; role: string; email: string; audience: string };
};

/** Signs a fleet up and answers the token its email carries. */
export async function signUpToken(body = startBody()): Promise<{ body: typeof body; token: string }> {
	const res = await postStart(body);
	expect(res.status).toBe(202);
	const [mail] = await outboxFor(body.email);
	if (!mail) throw new Error(`no sign-up email to ${body.email}`);
	return { body, token: tokenFrom(mail.text) };
}

export function consumeStart(token: string) {
	return postJson("/api/start/consume", { token });
}

/** Signs a fleet up and confirms it: the tenant and its owner's console cookie. */
export async function startedFleet(overrides: Record<string, unknown> = {}) {
	const { body, token } = await signUpToken(startBody(overrides));
	const res = await consumeStart(token);
	expect(res.status).toBe(201);
	const started = await res.json<StartedTenant>();
	return { ...started, body, cookie: sessionCookieFrom(res) };
}

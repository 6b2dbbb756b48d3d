import type { NotifyStage } from "../../../schema/tables/notifications";
import { notifyStages } from "../../../schema/tables/notifications";
import { constantTimeEqual } from "../secrets";

/** Who a one-click unsubscribe link speaks for: a contact, or an address without an account. */
export type UnsubscribeSubject = { tenantId: string; stage: NotifyStage } & (
	| { contactId: string; email?: undefined }
	| { contactId?: undefined; email: string }
);

/** Used only where ENVIRONMENT is development and no UNSUBSCRIBE_SECRET is set. */
export const DEV_UNSUBSCRIBE_SECRET = "fleet-portal-development-unsubscribe-secret";

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
	let binary = "";
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64url(value: string): string | null {
	try {
		return new TextDecoder().decode(
			Uint8Array.from(atob(value.replaceAll("-", "+").replaceAll("_", "/")), (ch) => ch.charCodeAt(0)),
		);
	} catch {
		return null;
	}
}

async function sign(secret: string, payload: string): Promise<string> {
	const key = await crypto.subtle.importKey(
		"raw",
		encoder.encode(secret),
		{ name: "HMAC", hash: "SHA-256" },
		false,
		["sign"],
	);
	return base64url(
		new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`unsubscribe.v1.${payload}`))),
	);
}

/** A signed, per-recipient, per-stage token: `<payload>.<HMAC-SHA256>`, both base64url. */
export async function unsubscribeToken(secret: string, subject: UnsubscribeSubject): Promise<string> {
	const payload = base64url(
		encoder.encode(
			JSON.stringify({ t: subject.tenantId, s: subject.stage, c: subject.contactId, e: subject.email }),
		),
	);
	return `${payload}.${await sign(secret, payload)}`;
}

/** The subject of a token whose signature holds, or null for anything tampered or malformed. */
export async function readUnsubscribeToken(
	secret: string,
	token: string,
): Promise<UnsubscribeSubject | null> {
	const [payload, signature, extra] = token.split(".");
	if (!payload || !signature || extra !== undefined) return null;
	if (!constantTimeEqual(await sign(secret, payload), signature)) return null;
	const json = fromBase64url(payload);
	if (!json) return null;
	try {
		const v = JSON.parse(json) as { t?: unknown; s?: unknown; c?: unknown; e?: unknown };
		if (typeof v.t !== "string" || !notifyStages.includes(v.s as NotifyStage)) return null;
		const stage = v.s as NotifyStage;
		if (typeof v.c === "string") return { tenantId: v.t, stage, contactId: v.c };
		if (typeof v.e === "string") return { tenantId: v.t, stage, email: v.e };
		return null;
	} catch {
		return null;
	}
}

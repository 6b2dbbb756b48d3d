import { Webhook } from "standardwebhooks";

/** A new endpoint secret: `whsec_` and 24 random bytes in base64, as Standard Webhooks expects. */
export function newWebhookSecret(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(24));
	let binary = "";
	for (const b of bytes) binary += String.fromCharCode(b);
	return `whsec_${btoa(binary)}`;
}

/**
 * The Standard Webhooks headers of one message: `webhook-id` (the event's id, the same on every
 * retry, so receivers can drop repeats), `webhook-timestamp` and `webhook-signature` with one
 * `v1,…` signature per secret, space-separated (both secrets during a rotation's overlap).
 */
export function signedHeaders(
	eventId: string,
	payload: string,
	secrets: string[],
	at: Date,
): Record<string, string> {
	const signatures = secrets.map((secret) => new Webhook(secret).sign(eventId, at, payload));
	return {
		"content-type": "application/json",
		"user-agent": "fleet-portal-webhooks/1",
		"webhook-id": eventId,
		"webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
		"webhook-signature": signatures.join(" "),
	};
}

/** Whether `secret` verifies a received message (the dev inbox's check, and a receiver's). */
export function verifies(secret: string, payload: string, headers: Record<string, string>): boolean {
	try {
		new Webhook(secret).verify(payload, headers);
		return true;
	} catch {
		return false;
	}
}

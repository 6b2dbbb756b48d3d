import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorCode =
	| "bad_request"
	| "invalid_json"
	| "validation_failed"
	| "unauthorized"
	/** 401s of a session someone else ended, saying why (the pages show a full-page notice). */
	| "access_removed"
	| "blocked"
	| "signed_out"
	| "invalid_link"
	| "invalid_code"
	| "forbidden"
	| "cross_site_request"
	| "not_found"
	| "method_not_allowed"
	| "conflict"
	| "slug_taken"
	| "unsupported_media_type"
	| "payload_too_large"
	| "rate_limited"
	| "idempotency_key_required"
	| "idempotency_key_reused"
	| "idempotency_in_flight"
	| "customer_blocked"
	| "not_configured"
	| "version_changed"
	| "expired"
	| "already_decided"
	| "already_converted"
	| "not_approved"
	| "not_expired"
	| "not_shared"
	| "invoice_void"
	| "amount_over_balance"
	| "amount_not_allowed"
	| "currency_mismatch"
	| "in_flight"
	| "already_paid"
	| "past_cutoff"
	| "last_admin"
	| "payment_provider_error"
	| "invalid_signature"
	| "invalid_api_key"
	| "insufficient_scope"
	| "internal";

/** One problem with one field; `path` is the field's location in the input, e.g. ["stops", 0, "city"]. */
export type FieldIssue = { path: Array<string | number>; field: string; message: string };

export type ErrorEnvelope = { error: { code: ErrorCode; message: string; issues?: FieldIssue[] } };

/** The one error type the app throws; `onError` turns it into the envelope. */
export class AppError extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly code: ErrorCode,
		message: string,
		readonly issues?: FieldIssue[],
		readonly headers?: Record<string, string>,
	) {
		super(message);
		this.name = "AppError";
	}
}

export const notFound = (what = "That") => new AppError(404, "not_found", `${what} was not found.`);

/** The validation failure everywhere: 400 naming each field, `where` saying which part of the request. */
export function invalidFields(issues: FieldIssue[], where = ""): AppError {
	const names = [...new Set(issues.map((i) => i.field))].join(", ");
	return new AppError(400, "validation_failed", `Check these fields${where}: ${names}.`, issues);
}

/** 400 naming one field, for checks that need the database or the tenant's settings. */
export const fieldInvalid = (path: Array<string | number>, message: string) =>
	invalidFields([{ path, field: path.join("."), message }]);

/** 409 naming the email field: the address already belongs to someone of this kind in the tenant. */
export const emailTaken = (who: string) =>
	new AppError(409, "conflict", `${who} with this email already exists.`, [
		{ path: ["email"], field: "email", message: `${who} with this email already exists.` },
	]);

export function errorEnvelope(code: ErrorCode, message: string, issues?: FieldIssue[]): ErrorEnvelope {
	return { error: issues?.length ? { code, message, issues } : { code, message } };
}

/** `app.onError`: our errors and HTTPExceptions become the envelope; anything else a logged generic 500. */
export function respondToError(err: Error, c: Context): Response {
	if (err instanceof AppError) {
		return c.json(errorEnvelope(err.code, err.message, err.issues), err.status, err.headers);
	}
	if (err instanceof HTTPException) {
		const malformedJson = err.status === 400 && /json/i.test(err.message);
		const code: ErrorCode = malformedJson ? "invalid_json" : statusCode(err.status);
		const message = malformedJson ? "The request body is not valid JSON." : err.message || "Request refused.";
		return c.json(errorEnvelope(code, message), err.status);
	}
	console.error("unhandled error", {
		method: c.req.method,
		path: new URL(c.req.url).pathname,
		name: err.name,
		message: err.message,
		stack: err.stack,
	});
	return c.json(errorEnvelope("internal", "Something went wrong on our side. Please try again."), 500);
}

function statusCode(status: number): ErrorCode {
	switch (status) {
		case 401:
			return "unauthorized";
		case 403:
			return "forbidden";
		case 404:
			return "not_found";
		case 405:
			return "method_not_allowed";
		case 409:
			return "conflict";
		case 413:
			return "payload_too_large";
		case 415:
			return "unsupported_media_type";
		case 429:
			return "rate_limited";
		default:
			return status < 500 ? "bad_request" : "internal";
	}
}

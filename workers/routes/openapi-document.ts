import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { webhookEventTypes } from "../../schema/tables/integrations";
import type { AppEnv } from "../app-env";
import { WebhookPayloadSchema } from "../contracts/integrations";
import { SESSION_COOKIE } from "../domain/sign-in/sessions";
import { SIGN_IN_STEP } from "./router";
import { API_KEY_SCHEME } from "./v1";

/** The name of the session cookie scheme in the OpenAPI document. */
export const SESSION_SCHEME = "session";

const WEBHOOK_DESCRIPTIONS: Record<(typeof webhookEventTypes)[number], string> = {
	"job.created":
		"A job was created (portal booking, dispatcher, API, converted estimate); `data` is the job.",
	"job.assigned": "A technician was assigned to a job; `data` is the job, with `previousTechnicianId`.",
	"job.status_changed":
		"A job's status changed (assigned, en route, on site, paused, completed, cancelled); `data` is the job, with `previousStatus`.",
	"booking.created": "A customer booked a job in the portal; `data` is the job.",
	"estimate.approved":
		"A customer approved an estimate; `data` has its id, number, version, signer and total.",
	"estimate.changes_requested":
		"A customer asked for changes to an estimate; `data` has its id, number, version and the comment.",
	"invoice.paid":
		"A payment was recorded on an invoice; `data` has the amount, the balance left and `paidInFull`.",
	"survey.submitted":
		"A customer answered the satisfaction survey of a job; `data` has the score and comment.",
	"customer.blocked": "A customer contact was blocked from the portal; `data` has the contact.",
};

export const openApiConfig = {
	openapi: "3.1.0",
	info: {
		title: "fleet-portal API",
		version: "1.0.0",
		description:
			"Customer portal for small dispatch fleets. Other systems use `/api/v1/{slug}` with an API key; the console, portal and technician app use the session routes.",
		license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
	},
	servers: [{ url: "/", description: "This portal's origin" }],
};

/** Registers the security schemes, the shared schemas and the webhooks of the document on the app. */
export function registerOpenApi(app: OpenAPIHono<AppEnv>) {
	app.openAPIRegistry.registerComponent("securitySchemes", API_KEY_SCHEME, {
		type: "http",
		scheme: "bearer",
		bearerFormat: "fp_live_…",
		description:
			"An API key an admin creates in the console (Settings → API), sent as `Authorization: Bearer fp_live_…` to `/api/v1/{slug}/…`. Each operation names the scope it needs; a key without it is 403, a revoked or unknown key 401. Each key may make the tenant's `apiRequestsPerMinute` (120 unless set) requests a minute: every answer carries `RateLimit` and `RateLimit-Policy`, a 429 `Retry-After`.",
	});
	app.openAPIRegistry.registerComponent("securitySchemes", SESSION_SCHEME, {
		type: "apiKey",
		in: "cookie",
		name: SESSION_COOKIE,
		description:
			"The session cookie the sign-in steps set, for the routes of its audience: `/api/c/{slug}` (customers), `/api/d/{slug}` (staff), `/api/t/{slug}` (technicians). Without one a route is 401, with another audience's 403.",
	});
	app.openAPIRegistry.register("WebhookPayload", WebhookPayloadSchema);

	for (const type of webhookEventTypes) {
		app.openAPIRegistry.registerWebhook({
			method: "post",
			path: type,
			operationId: `webhook_${type.replace(".", "_")}`,
			summary: type,
			description: WEBHOOK_DESCRIPTIONS[type],
			tags: ["Webhooks"],
			security: [],
			request: {
				headers: z.object({
					"webhook-id": z.string().openapi({ description: "The event's id; the same on every retry." }),
					"webhook-timestamp": z.string().openapi({ description: "Unix seconds of this attempt." }),
					"webhook-signature": z.string().openapi({
						description: "`v1,<base64>`; two, space-separated, while a rotated secret overlaps.",
					}),
				}),
				body: { required: true, content: { "application/json": { schema: WebhookPayloadSchema } } },
			},
			responses: {
				200: { description: "Any 2xx answer within 10 seconds acknowledges the event." },
				400: { description: "Any other answer, or none in 10 seconds, is retried with backoff." },
			},
		});
	}
}

const AUDIENCE_PREFIX = /^\/api\/([cdt])\/\{slug\}\//;
const AUDIENCE_NAMES = { c: "customer", d: "staff", t: "technician" } as const;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Operation = { operationId?: string; security?: Array<Record<string, string[]>> };

/**
 * Who may call a path, as the routers enforce it: the audience routers (`audienceRouter`) want
 * their session on every route but the sign-in steps; the other routes outside `/api/v1`
 * (tracking links, sign-up, unsubscribe, payment webhooks) carry their authority in the URL or a
 * signature and need no credentials. `/api/v1` operations name their own scope.
 */
function securityOf(path: string): Operation["security"] {
	return AUDIENCE_PREFIX.test(path) && !SIGN_IN_STEP.test(path) ? [{ [SESSION_SCHEME]: [] }] : [];
}

const camel = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `get /api/d/{slug}/invoices/{id}/pdf` → `staffGetInvoicesByIdPdf`: stable while the path is. */
function operationIdOf(method: string, path: string): string {
	const audience = AUDIENCE_PREFIX.exec(path)?.[1] as keyof typeof AUDIENCE_NAMES | undefined;
	const rest = audience ? path.replace(AUDIENCE_PREFIX, "") : path.replace(/^\/api\//, "");
	const words = rest
		.split("/")
		.filter(Boolean)
		.map((segment) => {
			const param = /^\{(.+)\}$/.exec(segment)?.[1];
			return param
				? `By${camel(param)}`
				: segment
						.split(/[^a-zA-Z0-9]+/)
						.map(camel)
						.join("");
		});
	return `${audience ? AUDIENCE_NAMES[audience] : "public"}${camel(method)}${words.join("")}`;
}

/** The OpenAPI 3.1 document of the app, as `/api/openapi.json` serves it. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
	const document = app.getOpenAPI31Document(openApiConfig);
	const seen = new Set<string>();
	for (const [path, item] of Object.entries(document.paths ?? {})) {
		for (const method of METHODS) {
			const operation = (item as Partial<Record<(typeof METHODS)[number], Operation>>)[method];
			if (!operation) continue;
			operation.operationId ??= operationIdOf(method, path);
			operation.security ??= securityOf(path);
			if (seen.has(operation.operationId)) throw new Error(`operationId ${operation.operationId} twice`);
			seen.add(operation.operationId);
		}
	}
	return document;
}

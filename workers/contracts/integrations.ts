import { z } from "@hono/zod-openapi";
import { jobStatuses } from "../../schema/job-values";
import { apiScopes, webhookEventTypes } from "../../schema/tables/integrations";

const Instant = z.string().openapi({ format: "date-time", example: "2026-12-02T14:30:00.000Z" });

export const ApiScopeSchema = z.enum(apiScopes).openapi("ApiScope");
export const WebhookEventTypeSchema = z.enum(webhookEventTypes).openapi("WebhookEventType");

export const ApiKeyCreateBody = z
	.object({
		name: z.string().trim().min(1, "Name the key, e.g. the system that will use it.").max(100),
		scopes: z.array(ApiScopeSchema).min(1, "Choose at least one scope."),
	})
	.openapi("ApiKeyCreate");

export const ApiKeyCreatedSchema = z
	.object({
		id: z.string(),
		key: z.string().openapi({
			description: "The key itself, shown this once; only its hash is kept.",
			example: "fp_live_…",
		}),
	})
	.openapi("ApiKeyCreated");

export const ApiKeySchema = z
	.object({
		id: z.string(),
		name: z.string(),
		prefix: z.string().openapi({ description: "The key's first characters, to tell keys apart." }),
		scopes: z.array(ApiScopeSchema),
		createdAt: Instant,
		lastUsedAt: Instant.nullable(),
		revokedAt: Instant.nullable(),
	})
	.openapi("ApiKey");

export const ApiKeyIdParam = z.object({
	slug: z.string().openapi({ param: { name: "slug", in: "path" } }),
	id: z.string().openapi({ param: { name: "id", in: "path" } }),
});

export const WebhookEndpointCreateBody = z
	.object({
		url: z.string().trim().min(1, "Enter the address to send events to.").max(2000),
		events: z.array(WebhookEventTypeSchema).min(1, "Choose at least one event."),
	})
	.openapi("WebhookEndpointCreate");

export const WebhookEndpointCreatedSchema = z
	.object({
		id: z.string(),
		secret: z.string().openapi({ description: "The signing secret (`whsec_…`).", example: "whsec_…" }),
	})
	.openapi("WebhookEndpointCreated");

export const WebhookEndpointSchema = z
	.object({
		id: z.string(),
		url: z.string(),
		events: z.array(WebhookEventTypeSchema),
		createdAt: Instant,
		disabledAt: Instant.nullable(),
		failingSince: Instant.nullable(),
		previousSecretExpiresAt: Instant.nullable(),
	})
	.openapi("WebhookEndpoint");

export const WebhookRotatedSchema = z
	.object({ id: z.string(), secret: z.string(), previousSecretExpiresAt: Instant })
	.openapi("WebhookSecretRotated");

export const WebhookDeliverySchema = z
	.object({
		id: z.string(),
		eventId: z.string().openapi({ description: "The `webhook-id` header sent." }),
		eventType: WebhookEventTypeSchema,
		state: z.enum(["pending", "retrying", "delivered", "failed"]),
		attempts: z.number().int(),
		responseCode: z.number().int().nullable(),
		error: z.string().nullable(),
		createdAt: Instant,
		lastAttemptAt: Instant.nullable(),
		nextAttemptAt: Instant.nullable(),
	})
	.openapi("WebhookDelivery");

export const EndpointIdParam = ApiKeyIdParam;
export const DeliveryParam = z.object({
	slug: z.string().openapi({ param: { name: "slug", in: "path" } }),
	id: z.string().openapi({ param: { name: "id", in: "path" } }),
	deliveryId: z.string().openapi({ param: { name: "deliveryId", in: "path" } }),
});

/** A job as the API lists it. */
export const ApiJobSummarySchema = z
	.object({
		id: z.string(),
		number: z.number().int(),
		kind: z.string(),
		status: z.string(),
		source: z.string(),
		technicianId: z.string().nullable(),
		accountId: z.string().nullable(),
		contactId: z.string().nullable(),
		customerName: z.string().nullable(),
		customerEmail: z.string().nullable(),
		reference: z.string().nullable(),
		windowStart: Instant.nullable(),
		windowEnd: Instant.nullable(),
		createdAt: Instant,
		updatedAt: Instant,
	})
	.openapi("ApiJobSummary");

export const ApiJobPageSchema = z
	.object({ items: z.array(ApiJobSummarySchema), nextCursor: z.string().nullable() })
	.openapi("ApiJobPage");

export const ApiCustomerSchema = z
	.object({
		id: z.string(),
		name: z.string().nullable(),
		email: z.string(),
		phone: z.string().nullable(),
		accountId: z.string().nullable(),
		locationId: z.string().nullable(),
		blocked: z.boolean(),
		createdAt: Instant,
	})
	.openapi("ApiCustomer");

export const ApiCustomerPageSchema = z
	.object({ items: z.array(ApiCustomerSchema), nextCursor: z.string().nullable() })
	.openapi("ApiCustomerPage");

export const PageQuery = z.object({
	cursor: z.string().max(200).optional().openapi({ description: "`nextCursor` of the page before." }),
	limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ApiJobListQuery = PageQuery.extend({
	status: z.enum(jobStatuses).optional(),
});

/** What every webhook message carries (Standard Webhooks): the type, when, and the data of the change. */
export const WebhookPayloadSchema = z
	.object({
		type: WebhookEventTypeSchema,
		timestamp: Instant,
		data: z.record(z.string(), z.unknown()),
	})
	.openapi("WebhookPayload");

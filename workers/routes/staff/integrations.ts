import { createRoute, z } from "@hono/zod-openapi";
import {
	ApiKeyCreateBody,
	ApiKeyCreatedSchema,
	ApiKeyIdParam,
	ApiKeySchema,
	DeliveryParam,
	EndpointIdParam,
	WebhookDeliverySchema,
	WebhookEndpointCreateBody,
	WebhookEndpointCreatedSchema,
	WebhookEndpointSchema,
	WebhookRotatedSchema,
} from "../../contracts/integrations";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { createApiKey, listApiKeys, revokeApiKey } from "../../domain/api-keys/api-keys";
import {
	checkEndpointUrl,
	createWebhookEndpoint,
	deleteWebhookEndpoint,
	enableWebhookEndpoint,
	listDeliveries,
	listWebhookEndpoints,
	resendDelivery,
	rotateWebhookSecret,
} from "../../domain/webhooks/endpoints";
import { requestActor } from "../actor";
import { adminRouter } from "../router";

const tags = ["Integrations"];
const noContent = { 204: { description: "Done" } };

/** `/api/d/:slug/api-keys` for admins (a dispatcher gets 403). */
export const staffApiKeyRoutes = adminRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/",
			tags,
			summary: "The tenant's API keys (never the keys themselves)",
			request: { params: SlugParam },
			responses: { 200: jsonAnswer("The keys", z.array(ApiKeySchema)), ...errorResponses(401, 403, 404) },
		}),
		async (c) => c.json(await listApiKeys(c.var.db, c.var.tenant.id), 200),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/",
			tags,
			summary: "Create an API key; the key is answered this once and kept only as a hash",
			request: { params: SlugParam, body: jsonBody(ApiKeyCreateBody) },
			responses: { 201: jsonAnswer("Created", ApiKeyCreatedSchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			c.header("Cache-Control", "no-store");
			const created = await createApiKey(
				c.var.db,
				requestActor(c),
				c.req.valid("json"),
				c.env.ENVIRONMENT,
				Date.now(),
			);
			return c.json(created, 201);
		},
	)
	.openapi(
		createRoute({
			method: "delete",
			path: "/{id}",
			tags,
			summary: "Revoke an API key: its next request is 401",
			request: { params: ApiKeyIdParam },
			responses: { ...noContent, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			await revokeApiKey(c.var.db, requestActor(c), c.req.valid("param").id, Date.now());
			return c.body(null, 204);
		},
	);

/** `/api/d/:slug/webhooks` for admins: webhook endpoints, their deliveries and secrets. */
export const staffWebhookRoutes = adminRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/",
			tags,
			summary: "The tenant's webhook endpoints",
			request: { params: SlugParam },
			responses: {
				200: jsonAnswer("The endpoints", z.array(WebhookEndpointSchema)),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => c.json(await listWebhookEndpoints(c.var.db, c.var.tenant.id, Date.now()), 200),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/",
			tags,
			summary: "Add a webhook endpoint for some events; its signing secret is answered once",
			request: { params: SlugParam, body: jsonBody(WebhookEndpointCreateBody) },
			responses: {
				201: jsonAnswer("Created", WebhookEndpointCreatedSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			c.header("Cache-Control", "no-store");
			const body = c.req.valid("json");
			const url = checkEndpointUrl(body.url, c.env.ENVIRONMENT === "development");
			return c.json(
				await createWebhookEndpoint(c.var.db, requestActor(c), { url, events: body.events }, Date.now()),
				201,
			);
		},
	)
	.openapi(
		createRoute({
			method: "delete",
			path: "/{id}",
			tags,
			summary: "Delete a webhook endpoint",
			request: { params: EndpointIdParam },
			responses: { ...noContent, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			await deleteWebhookEndpoint(c.var.db, requestActor(c), c.req.valid("param").id, Date.now());
			return c.body(null, 204);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/{id}/enable",
			tags,
			summary: "Turn a disabled endpoint back on",
			request: { params: EndpointIdParam },
			responses: { ...noContent, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			await enableWebhookEndpoint(c.var.db, requestActor(c), c.req.valid("param").id, Date.now());
			return c.body(null, 204);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/{id}/rotate-secret",
			tags,
			summary: "A new signing secret; the old one keeps signing beside it for 24 hours",
			request: { params: EndpointIdParam },
			responses: {
				200: jsonAnswer("The new secret", WebhookRotatedSchema),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			c.header("Cache-Control", "no-store");
			return c.json(
				await rotateWebhookSecret(c.var.db, requestActor(c), c.req.valid("param").id, Date.now()),
				200,
			);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/{id}/deliveries",
			tags,
			summary: "The endpoint's 50 most recent deliveries, newest first",
			request: { params: EndpointIdParam },
			responses: {
				200: jsonAnswer("The deliveries", z.array(WebhookDeliverySchema)),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => c.json(await listDeliveries(c.var.db, c.var.tenant.id, c.req.valid("param").id), 200),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/{id}/deliveries/{deliveryId}/resend",
			tags,
			summary: "Send a delivery's event again (same webhook-id)",
			request: { params: DeliveryParam },
			responses: {
				201: jsonAnswer("The new delivery", z.object({ id: z.string() })),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const { id, deliveryId } = c.req.valid("param");
			return c.json(await resendDelivery(c.var.db, requestActor(c), id, deliveryId, Date.now()), 201);
		},
	);

import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../router";

const HealthSchema = z.object({ ok: z.literal(true), time: z.string() }).openapi("Health");

export const healthRoutes = createRouter().openapi(
	createRoute({
		method: "get",
		path: "/health",
		tags: ["system"],
		summary: "Liveness check",
		responses: { 200: { description: "Up", content: { "application/json": { schema: HealthSchema } } } },
	}),
	(c) => c.json({ ok: true as const, time: new Date().toISOString() }, 200),
);

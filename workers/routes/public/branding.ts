import { createRoute } from "@hono/zod-openapi";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { BrandingSchema } from "../../contracts/tenant";
import { publicBranding } from "../../domain/tenant/tenant";
import { resolveTenant } from "../../middleware/tenant";
import { createRouter } from "../router";

export const tenantBrandingRoutes = createRouter().openapi(
	createRoute({
		method: "get",
		path: "/tenants/{slug}",
		tags: ["tenants"],
		middleware: [resolveTenant] as const,
		summary: "A tenant's public branding, shown before sign-in",
		request: { params: SlugParam },
		responses: {
			200: { description: "Branding", content: { "application/json": { schema: BrandingSchema } } },
			...errorResponses(404),
		},
	}),
	(c) => {
		// Revalidated on every load, so a change in the console shows on the portal's next load.
		c.header("Cache-Control", "no-cache");
		return c.json(publicBranding(c.var.tenant), 200);
	},
);

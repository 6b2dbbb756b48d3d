import { createRoute, z } from "@hono/zod-openapi";
import { jobKinds } from "../../../schema/tables/jobs";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { publicBranding } from "../../domain/tenant";
import { resolveTenant } from "../../middleware/tenant";
import { createRouter } from "../router";

/** What anyone may see of a tenant; its settings (admins only) add to these. */
export const publicBrandingFields = {
	slug: z.string(),
	name: z.string(),
	logoUrl: z.string().nullable(),
	colors: z.object({ primary: z.string(), accent: z.string(), text: z.string() }),
	supportPhone: z.string().nullable(),
	supportEmail: z.string().nullable(),
	timezone: z.string(),
	currency: z.string(),
	jobKinds: z.array(z.enum(jobKinds)),
};

const BrandingSchema = z.object({ ...publicBrandingFields, tileUrl: z.string() }).openapi("Branding");

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

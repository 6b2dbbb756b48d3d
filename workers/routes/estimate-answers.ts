import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import type { CustomerEstimate, EstimateListQuery, StaffEstimate } from "../contracts/estimates";
import type { EstimateListFilters } from "../domain/estimates/customer-estimates";
import { sniffImageType, tenantMediaKey } from "../domain/tenant/media";
import { localDayBounds } from "../domain/time";
import { notFound } from "../errors";
import type { LoadFont } from "../pdf/estimate-pdf";
import { pageCursor } from "./page-cursor";

/** What the portal's and the console's estimate routes share. */

/** The filters of a list query; dates are days in the tenant's time zone, `awaiting` is `sent`. */
export function estimateListFilters(
	query: z.infer<typeof EstimateListQuery> & { accountId?: string },
	timeZone: string,
): EstimateListFilters {
	const cursor = pageCursor(query.cursor);
	return {
		status: query.status === "awaiting" ? "sent" : query.status,
		cursor,
		accountId: query.accountId,
		limit: query.limit,
		...localDayBounds(query, timeZone),
	};
}

/** A PDF answer in the OpenAPI description. */
export const pdfAnswer = {
	description: "The estimate as a PDF",
	content: { "application/pdf": { schema: { type: "string" as const, format: "binary" } } },
};

/** The tenant's logo bytes when it is a PNG or JPEG of its own media (what a PDF can embed). */
async function logoOf(c: Context<AppEnv>): Promise<{ bytes: Uint8Array; type: "png" | "jpeg" } | null> {
	const key = tenantMediaKey(c.var.tenant.logoUrl, c.var.tenant.id);
	if (!key) return null;
	const object = await c.env.MEDIA.get(key);
	if (!object) return null;
	const bytes = new Uint8Array(await object.arrayBuffer());
	const type = sniffImageType(bytes);
	return type === "image/png"
		? { bytes, type: "png" }
		: type === "image/jpeg"
			? { bytes, type: "jpeg" }
			: null;
}

/** The first bytes of a TrueType or OpenType font: anything else (the SPA's index.html) is no font. */
const isFontFile = (b: Uint8Array) =>
	(b[0] === 0x00 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x00) ||
	String.fromCharCode(...b.slice(0, 4)) === "OTTO";

/** Reads a PDF font from the static assets (web/public/pdf-fonts), never from the Worker's bundle. */
const assetFont =
	(c: Context<AppEnv>): LoadFont =>
	async (name) => {
		const res = await c.env.ASSETS.fetch(new URL(`/pdf-fonts/${name}`, c.req.url));
		const bytes = new Uint8Array(await res.arrayBuffer());
		if (!res.ok || !isFontFile(bytes)) throw new Error(`pdf font ${name} missing from the static assets`);
		return bytes;
	};

/**
 * Renders one version of an estimate as a PDF. The renderer (pdf-lib and fontkit) is imported
 * here, on first use, and the fonts are static assets read only now, so nothing else the Worker
 * answers waits for them.
 */
export async function serveEstimatePdf(
	c: Context<AppEnv>,
	estimate: CustomerEstimate | StaffEstimate,
	versionNumber: number | undefined,
): Promise<Response> {
	const version = estimate.versions.find((v) => v.version === (versionNumber ?? estimate.version));
	if (!version) throw notFound("That version");
	const [{ renderEstimatePdf }, logo] = await Promise.all([import("../pdf/estimate-pdf"), logoOf(c)]);
	const { tenant } = c.var;
	const bytes = await renderEstimatePdf({
		loadFont: assetFont(c),
		tenant: {
			name: tenant.name,
			colors: { primary: tenant.colorPrimary, accent: tenant.colorAccent, text: tenant.colorText },
			supportEmail: tenant.supportEmail,
			supportPhone: tenant.supportPhone,
			timezone: tenant.timezone,
			locale: c.var.me.locale ?? tenant.settings.defaultLocale,
			logo,
		},
		estimate,
		version,
	});
	return c.body(new Uint8Array(bytes), 200, {
		"Content-Type": "application/pdf",
		"Content-Length": String(bytes.byteLength),
		"Content-Disposition": `inline; filename="estimate-${estimate.number}-v${version.version}.pdf"`,
		"Cache-Control": "private, no-store",
	});
}

import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { sniffImageType, tenantMediaKey } from "../domain/tenant/media";
import type { LoadFont, PdfTenant } from "../pdf/layout";

/** What the estimate and invoice PDF routes share: the fonts, the letterhead's tenant, the answer. */

/** A PDF answer in the OpenAPI description. */
export const pdfAnswerOf = (what: string) => ({
	description: `The ${what} as a PDF`,
	content: { "application/pdf": { schema: { type: "string" as const, format: "binary" } } },
});

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
export const assetFont =
	(c: Context<AppEnv>): LoadFont =>
	async (name) => {
		const res = await c.env.ASSETS.fetch(new URL(`/pdf-fonts/${name}`, c.req.url));
		const bytes = new Uint8Array(await res.arrayBuffer());
		if (!res.ok || !isFontFile(bytes)) throw new Error(`pdf font ${name} missing from the static assets`);
		return bytes;
	};

/** The signed-in tenant as a letterhead, in the reader's language. */
export async function pdfTenantOf(c: Context<AppEnv>): Promise<PdfTenant> {
	const { tenant } = c.var;
	return {
		name: tenant.name,
		colors: { primary: tenant.colorPrimary, accent: tenant.colorAccent, text: tenant.colorText },
		supportEmail: tenant.supportEmail,
		supportPhone: tenant.supportPhone,
		timezone: tenant.timezone,
		locale: c.var.me.locale ?? tenant.settings.defaultLocale,
		logo: await logoOf(c),
	};
}

/** The rendered file as the answer: inline, named, never cached by anything shared. */
export function pdfResponse(c: Context<AppEnv>, bytes: Uint8Array, filename: string): Response {
	return c.body(new Uint8Array(bytes), 200, {
		"Content-Type": "application/pdf",
		"Content-Length": String(bytes.byteLength),
		"Content-Disposition": `inline; filename="${filename}"`,
		"Cache-Control": "private, no-store",
	});
}

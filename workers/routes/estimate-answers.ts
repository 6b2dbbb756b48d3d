import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import type { CustomerEstimate, EstimateListQuery, StaffEstimate } from "../contracts/estimates";
import type { EstimateListFilters } from "../domain/estimates/customer-estimates";
import { localDayBounds } from "../domain/time";
import { notFound } from "../errors";
import { pageCursor } from "./page-cursor";
import { assetFont, pdfAnswerOf, pdfResponse, pdfTenantOf } from "./pdf-answer";

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
		locationId: query.locationId || undefined,
		limit: query.limit,
		...localDayBounds(query, timeZone),
	};
}

/** A PDF answer in the OpenAPI description. */
export const pdfAnswer = pdfAnswerOf("estimate");

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
	const [{ renderEstimatePdf }, tenant] = await Promise.all([import("../pdf/estimate-pdf"), pdfTenantOf(c)]);
	const bytes = await renderEstimatePdf({ loadFont: assetFont(c), tenant, estimate, version });
	return pdfResponse(c, bytes, `estimate-${estimate.number}-v${version.version}.pdf`);
}

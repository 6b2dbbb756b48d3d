import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import type { CompletionAnswer } from "../contracts/proof";
import { jobReport } from "../domain/proof/report";
import { assetFont, pdfResponse, pdfTenantOf } from "./pdf-answer";

/** The report is written once, in the tenant's language, whoever asks for it first. */
async function reportOf(c: Context<AppEnv>, jobId: string) {
	const { tenant } = c.var;
	const letterhead = { ...(await pdfTenantOf(c)), locale: tenant.settings.defaultLocale, id: tenant.id };
	return jobReport(
		{ db: c.var.db, media: c.env.MEDIA, loadFont: assetFont(c), currency: tenant.currency },
		letterhead,
		jobId,
	);
}

/** Answers a completed job's report (its visibility checked before): from R2, or written now. */
export async function serveJobReport(c: Context<AppEnv>, jobId: string): Promise<Response> {
	const { bytes, number } = await reportOf(c, jobId);
	return pdfResponse(c, bytes, `report-${number}.pdf`);
}

/**
 * What follows a completed job, after the answer: the report written and stored once. It does not
 * hold up the phone; a failure is logged, and the report is written on demand when it is missing.
 * The customer's email (completed, or could not complete) is the notification pipeline's.
 */
export function afterCompletion(c: Context<AppEnv>, answer: CompletionAnswer): void {
	if (answer.completion.outcome !== "completed") return;
	const jobId = answer.id;
	c.executionCtx.waitUntil(
		reportOf(c, jobId).then(
			() => undefined,
			(err: unknown) => console.error("after completion failed", { jobId, err: String(err) }),
		),
	);
}

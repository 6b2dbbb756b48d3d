import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { linkOrigin } from "../app-origin";
import type { CompletionAnswer } from "../contracts/proof";
import { sendJobProofEmail } from "../domain/proof/proof-email";
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
 * What follows a completion, after the answer: the report written and stored once (a completed
 * job) and the customer's email. Neither holds up the phone; a failure is logged, and the report
 * is written on demand when it is missing.
 */
export function afterCompletion(c: Context<AppEnv>, answer: CompletionAnswer): void {
	const origin = linkOrigin(c.env, c.req.url);
	const jobId = answer.id;
	const work = async () => {
		if (answer.completion.outcome === "completed") await reportOf(c, jobId);
		// A completion is told by the notification pipeline's "completed" email; an attempt that
		// could not complete by this one.
		else if (origin) {
			await sendJobProofEmail(
				{ db: c.var.db, sendEmail: c.var.sendEmail },
				origin,
				c.var.tenant,
				answer.completion.id,
			);
		}
	};
	c.executionCtx.waitUntil(
		work().catch((err: unknown) => console.error("after completion failed", { jobId, err: String(err) })),
	);
}

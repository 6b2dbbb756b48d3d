import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { errorResponses } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { SurveyInput, SurveyViewSchema } from "../../contracts/surveys";
import { TokenParam } from "../../contracts/tracking";
import {
	answerSurvey,
	type Respondent,
	respondentSurvey,
	trackingSurveyLink,
} from "../../domain/surveys/survey-answers";
import { notFound } from "../../errors";
import { requestMeta } from "../../request-meta";
import { createRouter } from "../router";

const tags = ["tracking"];

/** The tracking link's respondent and its tenant's survey; 404 for a link that answers no more. */
async function linkRespondent(c: Context<AppEnv>, token: string, now: number) {
	const link = await trackingSurveyLink(c.var.db, token, now);
	if (!link) throw notFound("This tracking link");
	c.header("Cache-Control", "no-store");
	c.header("Referrer-Policy", "no-referrer");
	const respondent: Respondent = {
		kind: "tracking",
		tenantId: link.tenant.id,
		linkId: link.linkId,
		jobId: link.jobId,
		meta: requestMeta(c),
	};
	return {
		respondent,
		jobId: link.jobId,
		settings: link.tenant.settings.survey,
		tenantName: link.tenant.name,
		tenantSlug: link.tenant.slug,
	};
}

/**
 * The survey from an anonymous tracking link, for whoever holds it: one answer per job and link,
 * while the link lives or for 7 days after the job completed.
 */
export const trackingSurveyRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/track/{token}/survey",
			tags,
			summary: "The survey of the tracked job and this link's answer",
			request: { params: TokenParam },
			responses: { 200: jsonAnswer("The survey", SurveyViewSchema), ...errorResponses(404) },
		}),
		async (c) => {
			const now = Date.now();
			const link = await linkRespondent(c, c.req.valid("param").token, now);
			const view = await respondentSurvey(c.var.db, link.settings, link.respondent, link.jobId, now);
			return c.json({ ...view, tenantName: link.tenantName, tenantSlug: link.tenantSlug }, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/track/{token}/survey",
			tags,
			summary:
				"Answer the survey of the tracked job once it is completed (201), or change the answer within 7 days (200)",
			request: { params: TokenParam, body: jsonBody(SurveyInput) },
			responses: {
				200: jsonAnswer("Changed", SurveyViewSchema),
				201: jsonAnswer("Answered", SurveyViewSchema),
				...errorResponses(400, 404, 409),
			},
		}),
		async (c) => {
			const now = Date.now();
			const link = await linkRespondent(c, c.req.valid("param").token, now);
			const { created, view } = await answerSurvey(
				{ db: c.var.db, live: c.var.live, now },
				link.settings,
				link.respondent,
				link.jobId,
				c.req.valid("json"),
			);
			return c.json(
				{ ...view, tenantName: link.tenantName, tenantSlug: link.tenantSlug },
				created ? 201 : 200,
			);
		},
	);

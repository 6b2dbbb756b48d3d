import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { JobIdParam } from "../../contracts/customer";
import { errorResponses } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { SurveyInput, SurveyViewSchema } from "../../contracts/surveys";
import { scopeOf } from "../../domain/customers/permissions";
import {
	answerSurvey,
	type Respondent,
	surveyReads,
	surveyViewOf,
} from "../../domain/surveys/survey-answers";
import { readSignedIn } from "../../middleware/signed-in-read";
import { requestMeta } from "../../request-meta";
import { createRouter } from "../router";

const tags = ["customer surveys"];

const respondent = (c: Context<AppEnv>, tenant = c.var.tenant, me = c.var.me): Respondent => ({
	kind: "contact",
	scope: scopeOf(tenant, me, "jobs"),
	me,
	meta: requestMeta(c),
});

const answerRoute = (method: "post" | "put") =>
	createRoute({
		method,
		path: "/jobs/{id}/survey",
		tags,
		summary:
			method === "post"
				? "Answer the survey of one of your completed jobs (201), or change your answer within 7 days (200)"
				: "Change your answer to a job's survey within 7 days of the first (200; 201 when first answered)",
		description:
			"The score is 1–5 (stars) or 0–10 (NPS), as the tenant asks; `categories` rates the tenant's categories on the same scale. One answer per job and contact; 409 when it can no longer be changed or the job is not completed.",
		request: { params: JobIdParam, body: jsonBody(SurveyInput) },
		responses: {
			200: jsonAnswer("Changed", SurveyViewSchema),
			201: jsonAnswer("Answered", SurveyViewSchema),
			...errorResponses(400, 401, 403, 404, 409),
		},
	});

async function answer(c: Context<AppEnv>, jobId: string, input: typeof SurveyInput._output) {
	const { created, view } = await answerSurvey(
		{ db: c.var.db, live: c.var.live, now: Date.now() },
		c.var.tenant.settings.survey,
		respondent(c),
		jobId,
		input,
	);
	return c.json(view, created ? 201 : 200);
}

/** The survey after a completed job, from the job page (`/c/:slug/jobs/:id#survey`). */
export const customerSurveyRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}/survey",
			tags,
			summary: "The survey of one of your jobs: what is asked, your answer, until when it may change",
			request: { params: JobIdParam },
			responses: { 200: jsonAnswer("The survey", SurveyViewSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			// The settings of the tenant the session check found, fresh: a survey just turned off shows so.
			let settings = c.var.tenant.settings.survey;
			const [jobRows, answerRows] = await readSignedIn(c, ({ tenant, me }) => {
				settings = tenant.settings.survey;
				return surveyReads(c.var.db, respondent(c, tenant, me), id);
			});
			return c.json(surveyViewOf(settings, [jobRows, answerRows], Date.now()), 200);
		},
	)
	.openapi(answerRoute("post"), (c) => answer(c, c.req.valid("param").id, c.req.valid("json")) as never)
	.openapi(answerRoute("put"), (c) => answer(c, c.req.valid("param").id, c.req.valid("json")) as never);

import { createRoute } from "@hono/zod-openapi";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { fieldInvalid, iso, jsonAnswer } from "../../contracts/staff";
import { SurveyResultsSchema, SurveysQuery } from "../../contracts/surveys";
import { encodeCursor } from "../../domain/jobs/customer-jobs";
import {
	type SurveyFilters,
	summarizeSurveys,
	surveyFiguresRead,
	surveyPageRead,
} from "../../domain/surveys/survey-results";
import { localDayBounds } from "../../domain/time";
import { readSignedIn } from "../../middleware/signed-in-read";
import { pageCursor } from "../page-cursor";
import { createRouter } from "../router";

const tags = ["surveys"];

/** The query's filters, its dates read as whole days in the tenant's time zone `tz`. */
function filtersOf(q: { from?: string; to?: string; technicianId?: string; cursor?: string }, tz: string) {
	if (q.from && q.to && q.to < q.from)
		throw fieldInvalid(["to"], "The last day must not be before the first.");
	const f: SurveyFilters = { ...localDayBounds(q, tz), technicianId: q.technicianId || undefined };
	const cursor = pageCursor(q.cursor);
	if (cursor) f.cursor = cursor;
	return f;
}

/** Survey results for the console: every staff member sees them, as the inbox. */
export const staffSurveyRoutes = createRouter().openapi(
	createRoute({
		method: "get",
		path: "/surveys",
		tags,
		summary:
			"Survey answers, newest first, with NPS or average stars, weekly trend, per technician and per category",
		description:
			"The figures count the answers of the tenant's current survey type in the range (filters but not the page cursor apply), at most 10,000 of the newest.",
		request: { params: SlugParam, query: SurveysQuery },
		responses: {
			200: jsonAnswer("A page of answers and the range's figures", SurveyResultsSchema),
			...errorResponses(400, 401, 403, 404),
		},
	}),
	async (c) => {
		const query = c.req.valid("query");
		filtersOf(query, c.var.tenant.timezone);
		// The tenant the session check found, fresh: its survey type and zone shape the figures.
		let tenant = c.var.tenant;
		const [page, figureRows] = await readSignedIn(c, (reader) => {
			tenant = reader.tenant;
			const f = filtersOf(query, tenant.timezone);
			return [
				surveyPageRead(c.var.db, tenant.id, f, query.limit),
				surveyFiguresRead(c.var.db, tenant.id, tenant.settings.survey.type, f),
			] as const;
		});
		const type = tenant.settings.survey.type;
		const rows = page.slice(0, query.limit);
		const last = rows[rows.length - 1];
		const figures = summarizeSurveys(figureRows, type, tenant.timezone, tenant.settings.survey.categories);
		return c.json(
			{
				items: rows.map((r) => ({
					id: r.id,
					jobId: r.jobId,
					jobNumber: r.jobNumber,
					scale: r.scale,
					score: r.score,
					comment: r.comment,
					categories: r.categories,
					technicianId: r.technicianId,
					technicianName: r.technicianName,
					contactName: r.contactName,
					via: r.trackingLinkId ? ("tracking_link" as const) : ("portal" as const),
					answeredAt: iso(r.createdAt) as string,
					updatedAt: iso(r.updatedAt) as string,
				})),
				nextCursor: page.length > query.limit && last ? encodeCursor(last) : null,
				type,
				count: figures.count,
				...(type === "nps" ? { nps: figures.value } : { averageStars: figures.value }),
				weeks: figures.weeks,
				technicians: figures.technicians,
				categories: figures.categories,
			},
			200,
		);
	},
);

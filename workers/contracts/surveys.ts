import { z } from "@hono/zod-openapi";
import { surveyTypes } from "../../schema/tables/surveys";
import { CalendarDate } from "./dates";
import { Instant } from "./staff";

/** Largest comment kept with an answer. */
export const SURVEY_COMMENT_MAX = 2000;

/**
 * A customer's answer. The score's range and the category names depend on the tenant's survey
 * (1–5 stars or 0–10 NPS), so they are checked against it after this shape (400 naming the field).
 */
export const SurveyInput = z
	.object({
		score: z.number().int("The score is a whole number."),
		comment: z
			.string()
			.trim()
			.max(SURVEY_COMMENT_MAX, `Use at most ${SURVEY_COMMENT_MAX} characters.`)
			.nullable()
			.optional()
			.transform((v) => v || null),
		categories: z
			.record(z.string().max(60), z.number().int("A rating is a whole number."))
			.optional()
			.openapi({
				description: "A rating per category of the tenant's survey, on the same scale as the score",
			}),
	})
	.openapi("SurveyInput");

export const SurveyTypeSchema = z
	.enum(surveyTypes)
	.openapi({ description: "`stars`: 1–5; `nps`: 0–10, how likely to recommend us" });

/** The survey of one job as its customer sees it: what is asked and their answer, if any. */
export const SurveyViewSchema = z
	.object({
		/** Whether the survey shows: the job is completed and the tenant asks, or it was answered already. */
		enabled: z.boolean(),
		type: SurveyTypeSchema,
		categories: z.array(z.string()),
		/** Offered after every answer alike, whatever the score. */
		reviewUrl: z.string().nullable(),
		answer: z
			.object({
				score: z.number().int(),
				comment: z.string().nullable(),
				categories: z.record(z.string(), z.number().int()),
				answeredAt: Instant,
				updatedAt: Instant,
			})
			.nullable(),
		/** Until when the answer may be changed; null before the first answer. */
		editableUntil: Instant.nullable(),
		editable: z.boolean(),
		/** On a tracking link's survey, whose survey it is (the page has no tenant loaded otherwise). */
		tenantName: z.string().optional(),
		/** On a tracking link's survey, the tenant's slug: the page loads its branding by it. */
		tenantSlug: z.string().optional(),
	})
	.openapi("JobSurvey");

export const SurveysQuery = z.object({
	from: CalendarDate.optional().openapi({ description: "First day, in the tenant's time zone" }),
	to: CalendarDate.optional().openapi({ description: "Last day (included), in the tenant's time zone" }),
	technicianId: z.string().max(64).optional(),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50),
});

const Score = z
	.number()
	.nullable()
	.openapi({ description: "NPS (−100…100) or average stars; null without answers" });

export const SurveyResultsSchema = z
	.object({
		items: z.array(
			z.object({
				id: z.string(),
				jobId: z.string(),
				jobNumber: z.number().int(),
				scale: SurveyTypeSchema,
				score: z.number().int(),
				comment: z.string().nullable(),
				categories: z.record(z.string(), z.number().int()),
				technicianId: z.string().nullable(),
				technicianName: z.string().nullable(),
				/** The contact who answered; null for an answer from an anonymous tracking link. */
				contactName: z.string().nullable(),
				via: z.enum(["portal", "tracking_link"]),
				answeredAt: Instant,
				updatedAt: Instant,
			}),
		),
		nextCursor: z.string().nullable(),
		type: SurveyTypeSchema,
		/** Answers of the tenant's current survey type in the range (the figures below count these). */
		count: z.number().int(),
		/** Promoters (9–10) minus detractors (0–6), as a percentage of answers; NPS tenants only. */
		nps: z.number().nullable().optional(),
		/** Stars tenants only. */
		averageStars: z.number().nullable().optional(),
		weeks: z.array(z.object({ weekStart: z.string(), count: z.number().int(), value: Score })),
		technicians: z.array(
			z.object({
				technicianId: z.string().nullable(),
				technicianName: z.string().nullable(),
				count: z.number().int(),
				value: Score,
			}),
		),
		categories: z.array(z.object({ name: z.string(), count: z.number().int(), average: z.number() })),
	})
	.openapi("SurveyResults");

const CategoryName = z.string().trim().min(1, "Name each category.").max(60, "Use at most 60 characters.");

/** A change to the survey settings; only the fields sent change. */
export const SurveySettingsPatch = z
	.object({
		enabled: z.boolean().optional(),
		type: SurveyTypeSchema.optional(),
		categories: z
			.array(CategoryName)
			.max(8, "Ask about at most 8 categories.")
			.refine(
				(names) => new Set(names.map((n) => n.toLowerCase())).size === names.length,
				"List each category once.",
			)
			.optional(),
		reviewUrl: z
			.string()
			.trim()
			.max(500)
			.refine((v) => v === "" || /^https:\/\/[^\s]+$/.test(v), "Use an https:// address.")
			.nullable()
			.transform((v) => v || null)
			.optional(),
	})
	.openapi("SurveySettingsPatch");

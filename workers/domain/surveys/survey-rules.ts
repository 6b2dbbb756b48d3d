import type { SurveyType } from "../../../schema/tables/surveys";
import { fieldInvalid } from "../../errors";
import type { SurveySettings } from "../tenant/tenant-settings";

/** How long after the first answer a customer may still change it. */
export const SURVEY_EDIT_WINDOW_MS = 7 * 24 * 3_600_000;

/** The scores each survey type takes. */
export const SURVEY_RANGE: Record<SurveyType, { min: number; max: number }> = {
	stars: { min: 1, max: 5 },
	nps: { min: 0, max: 10 },
};

/** A score the dispatchers hear of at once: 1–2 stars, or an NPS detractor (0–6). */
export const isLowScore = (type: SurveyType, score: number): boolean =>
	type === "stars" ? score <= 2 : score <= 6;

export type SurveyAnswerInput = {
	score: number;
	comment?: string | null;
	categories?: Record<string, number>;
};

/** An answer checked against the tenant's survey: the score and every category rating in range, known categories only. */
export function checkSurveyAnswer(settings: SurveySettings, input: SurveyAnswerInput) {
	const { min, max } = SURVEY_RANGE[settings.type];
	const inRange = (n: number) => Number.isInteger(n) && n >= min && n <= max;
	if (!inRange(input.score)) throw fieldInvalid(["score"], `Choose a score from ${min} to ${max}.`);
	const categories: Record<string, number> = {};
	for (const [name, rating] of Object.entries(input.categories ?? {})) {
		if (!settings.categories.includes(name))
			throw fieldInvalid(["categories", name], `We don't ask about "${name}".`);
		if (!inRange(rating)) throw fieldInvalid(["categories", name], `Choose a rating from ${min} to ${max}.`);
		categories[name] = rating;
	}
	return { score: input.score, comment: input.comment ?? null, categories };
}

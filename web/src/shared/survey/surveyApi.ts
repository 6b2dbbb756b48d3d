import type { z } from "zod";
import type { SurveyInput, SurveyViewSchema } from "../../../../workers/contracts/surveys";
import { apiFetch } from "../api";

/** A job's survey as its respondent sees it (`GET …/jobs/:id/survey`, `GET /api/track/:token/survey`). */
export type SurveyView = z.infer<typeof SurveyViewSchema>;
export type SurveyAnswerBody = z.input<typeof SurveyInput>;

/** Answers or changes the answer; the server says which (201 or 200), the page needs only the view. */
export const sendSurveyAnswer = (path: string, body: SurveyAnswerBody) =>
	apiFetch<SurveyView>(path, { method: "POST", body: JSON.stringify(body) });

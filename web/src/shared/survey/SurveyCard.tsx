import { Send } from "lucide";
import type { TargetedSubmitEvent } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { FormError, TextAreaField } from "../fields";
import { t } from "../i18n/i18n";
import { formatDate } from "../tenantTime";
import { Button } from "../ui/Button";
import { Card } from "../ui/Card";
import { useApiForm } from "../useApiForm";
import { useResource } from "../useResource";
import { ScoreRadios } from "./ScoreRadios";
import { type SurveyView, sendSurveyAnswer } from "./surveyApi";
import "./survey.css";

type SurveyField = "score" | "comment" | `category:${string}`;
const fieldFor = (issue: string): SurveyField | undefined => {
	if (issue === "score" || issue === "comment") return issue;
	if (issue.startsWith("categories.")) return `category:${issue.slice("categories.".length)}`;
	return undefined;
};

const DEFAULT_CATEGORY_LABELS: Record<string, () => string> = {
	punctuality: () => t("survey.category.punctuality"),
	communication: () => t("survey.category.communication"),
	quality: () => t("survey.category.quality"),
	value: () => t("survey.category.value"),
};

/** The default categories in the reader's language; a tenant's own names as typed. */
export function categoryLabel(name: string): string {
	return DEFAULT_CATEGORY_LABELS[name]?.() ?? name;
}

type Props = {
	/** The survey's API path: the portal job's, or the tracking link's. */
	path: string;
	/** Whose survey it is; a tracking link's survey names its tenant itself. */
	tenantName?: string;
	timeZone: string;
	/**
	 * Told whether the survey shows: null while its first answer is awaited, then true or false
	 * (the tracking page words its heading by it, and waits for it rather than change it later).
	 */
	onShown?: (shown: boolean | null) => void;
	/** The survey's answer the page already read, shown without asking again. */
	known?: SurveyView;
};

/**
 * The survey after a completed job (`#survey` on the job page, and the tracking page): the
 * score, a rating per category and a comment, all optional but the score. Every score gets the
 * same thank-you, and the tenant's review link if it set one — never only for happy customers.
 */
export function SurveyCard({ path, tenantName, timeZone, onShown, known }: Props) {
	const { state, replace } = useResource<SurveyView>(path, known);
	const survey = state.status === "ready" ? state.data : undefined;
	const section = useRef<HTMLDivElement>(null);
	// Kept above the form, so the thank-you outlives anything that remounts it.
	const [thanked, setThanked] = useState(false);
	// Opened from the completion email's link: the card arrives after the page, so scroll to it then.
	useEffect(() => {
		if (survey?.enabled && location.hash === "#survey") section.current?.scrollIntoView({ block: "start" });
	}, [survey?.enabled]);
	const shown = state.status === "loading" && !survey ? null : (survey?.enabled ?? false);
	useEffect(() => onShown?.(shown), [shown, onShown]);
	if (!survey?.enabled) return null;
	return (
		<div ref={section} id="survey" class="survey-anchor">
			<SurveyForm
				survey={survey}
				path={path}
				tenantName={survey.tenantName ?? tenantName ?? ""}
				timeZone={timeZone}
				thanked={thanked}
				onThanked={setThanked}
				onSaved={replace}
			/>
		</div>
	);
}

type FormProps = Omit<Props, "tenantName"> & {
	tenantName: string;
	survey: SurveyView;
	thanked: boolean;
	onThanked: (thanked: boolean) => void;
	onSaved: (view: SurveyView) => void;
};

function SurveyForm({ survey, path, tenantName, timeZone, thanked, onThanked, onSaved }: FormProps) {
	const id = useId();
	const answer = survey.answer;
	const [score, setScore] = useState<number | null>(answer?.score ?? null);
	const [ratings, setRatings] = useState<Record<string, number>>(answer?.categories ?? {});
	const [comment, setComment] = useState(answer?.comment ?? "");
	const form = useApiForm<SurveyField>(fieldFor);
	const range = survey.type === "stars" ? { min: 1, max: 5 } : { min: 0, max: 10 };
	const until = survey.editableUntil ? formatDate(survey.editableUntil, timeZone) : null;

	async function send(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		onThanked(false);
		if (score === null) return form.showErrors({ score: t("survey.scoreMissing") });
		await form.submit(async () => {
			const view = await sendSurveyAnswer(path, {
				score,
				comment: comment.trim() || null,
				categories: ratings,
			});
			onSaved(view);
			onThanked(true);
		});
	}

	const heading = (
		<h2 id={`${id}-heading`} class="card-title">
			{t("survey.heading")}
		</h2>
	);
	const thanks = (
		<div class="notice notice-ok" role="status">
			<p>
				<strong>{t("survey.thanks", { tenant: tenantName })}</strong>
			</p>
			{survey.reviewUrl ? (
				<p>
					<a href={survey.reviewUrl} target="_blank" rel="noopener noreferrer">
						{t("survey.review", { tenant: tenantName })}
					</a>
				</p>
			) : null}
		</div>
	);

	if (answer && !survey.editable) {
		return (
			<Card as="section" aria-labelledby={`${id}-heading`}>
				{heading}
				<p>
					{survey.type === "stars"
						? t("survey.yourStars", { score: answer.score })
						: t("survey.yourScore", { score: answer.score })}
				</p>
				{answer.comment ? <blockquote class="survey-comment">{answer.comment}</blockquote> : null}
				<p class="muted">{t("survey.closed")}</p>
			</Card>
		);
	}

	return (
		<Card as="section" aria-labelledby={`${id}-heading`}>
			{heading}
			<p class="muted">{t("survey.intro", { tenant: tenantName })}</p>
			<form ref={form.formRef} class="survey-form" noValidate onSubmit={send}>
				<FormError message={form.formError} />
				<ScoreRadios
					name={`${id}-score`}
					legend={
						survey.type === "stars" ? t("survey.starsLegend") : t("survey.npsLegend", { tenant: tenantName })
					}
					hint={survey.type === "nps" ? t("survey.npsHint") : undefined}
					type={survey.type}
					range={range}
					value={score}
					disabled={form.submitting}
					error={form.errors.score}
					onChange={(v) => {
						setScore(v);
						onThanked(false);
					}}
				/>
				{survey.categories.length ? (
					<fieldset class="survey-categories">
						<legend>{t("survey.categoriesLegend")}</legend>
						{survey.categories.map((name) => (
							<ScoreRadios
								key={name}
								name={`${id}-cat-${name}`}
								legend={categoryLabel(name)}
								type={survey.type}
								range={range}
								compact
								value={ratings[name] ?? null}
								disabled={form.submitting}
								error={form.errors[`category:${name}`]}
								onChange={(v) => setRatings((r) => ({ ...r, [name]: v }))}
							/>
						))}
					</fieldset>
				) : null}
				<TextAreaField
					id={`${id}-comment`}
					label={t("form.optional", { label: t("survey.comment") })}
					rows={3}
					maxLength={2000}
					readOnly={form.submitting}
					value={comment}
					onInput={(e) => setComment(e.currentTarget.value)}
					error={form.errors.comment}
				/>
				<Button type="submit" icon={Send} disabled={form.submitting}>
					{form.submitting ? t("survey.sending") : answer ? t("survey.update") : t("survey.submit")}
				</Button>
				{thanked ? thanks : null}
				{answer && until ? <p class="muted">{t("survey.editableUntil", { date: until })}</p> : null}
			</form>
		</Card>
	);
}

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../shared/api";
import type { Branding } from "../shared/branding";
import { errorText } from "../shared/i18n/errors";
import { t } from "../shared/i18n/i18n";
import { isFinished } from "../shared/jobStatus";
import { LiveJobView } from "../shared/live/LiveJobView";
import { useLiveJob } from "../shared/live/useLiveJob";
import { SurveyCard } from "../shared/survey/SurveyCard";
import type { SurveyView } from "../shared/survey/surveyApi";
import { ShellSkeleton, TenantShell } from "../shared/TenantShell";
import { Skeleton, SkeletonBlock } from "../shared/ui/Skeleton";
import {
	fetchTrackedJob,
	fetchTrackedSurvey,
	type TrackedJob,
	trackLivePath,
	trackSurveyPath,
} from "./trackApi";

type State =
	| { status: "loading" }
	| { status: "ready"; tracked: TrackedJob }
	/**
	 * `ended`: seen finishing here; `inactive`: the link answers no more (expired, revoked, job
	 * over). `tenant`: whose header the page wears — its branding when the page had it (seen
	 * ending), its slug alone when only the link's survey (`survey`, read already) names it.
	 */
	| {
			status: "gone";
			reason: "ended" | "inactive";
			tenant?: { slug: string; branding?: Branding };
			survey?: SurveyView;
	  }
	| { status: "error"; message: string };

const isGone = (err: unknown) => err instanceof ApiError && err.status === 404;

/** The reader's own zone: a link's page past its job has no tenant loaded to take the zone from. */
const readerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * What a link that shows no live job any more says; once its job is completed, the link still
 * carries the job's survey for a while, and the page then says the job is done and asks.
 */
type GoneProps = { reason: "ended" | "inactive"; token: string; survey?: SurveyView };

function LinkGone({ reason, token, survey: known }: GoneProps) {
	// Null until the survey answers: the page's words depend on it, and are shown once rather
	// than replaced a moment later.
	const [surveyed, setSurveyed] = useState<boolean | null>(null);
	const survey = (
		// Keyed: the card stays mounted (and its answer kept) as the words around it change.
		<SurveyCard
			key="survey"
			path={trackSurveyPath(token)}
			timeZone={readerTimeZone()}
			onShown={setSurveyed}
			known={known}
		/>
	);
	if (surveyed) {
		return (
			<main class="page narrow">
				<h1>{t("track.ended.heading")}</h1>
				<p>{t("track.ended.surveyBody")}</p>
				{survey}
			</main>
		);
	}
	if (reason === "inactive" && surveyed === null) {
		return (
			<main class="page narrow">
				<SkeletonBlock label={t("page.loading")}>
					<Skeleton width="80%" height="2.25rem" />
					<Skeleton width="95%" />
					<Skeleton width="60%" />
				</SkeletonBlock>
				{survey}
			</main>
		);
	}
	if (reason === "ended") {
		// Seen ending here: the heading is known at once, its sentence once the survey answers.
		return (
			<main class="page narrow">
				<h1>{t("track.ended.heading")}</h1>
				{surveyed === null ? (
					<p aria-hidden="true">
						<Skeleton width="90%" />
					</p>
				) : (
					<p>{t("track.ended.body")}</p>
				)}
				{survey}
			</main>
		);
	}
	return (
		<main class="page narrow">
			<h1>{t("track.inactive.heading")}</h1>
			<p>{t("track.inactive.body")}</p>
			{survey}
		</main>
	);
}

type ViewProps = { token: string; tracked: TrackedJob; onGone: (reason: "ended" | "inactive") => void };

function TrackedJobView({ token, tracked, onGone }: ViewProps) {
	// Before each reconnect, ask whether the link still works: a revoked link or an ended job
	// gets its message instead of endless retries.
	const live = useLiveJob(trackLivePath(token), async () => {
		try {
			await fetchTrackedJob(token);
			return true;
		} catch (err) {
			if (!isGone(err)) return true;
			onGone("inactive");
			return false;
		}
	});
	const ended = isFinished(live.status);
	useEffect(() => {
		if (ended) onGone("ended");
	}, [ended, onGone]);
	const { job, branding } = tracked;
	return (
		<main class="page narrow track-page">
			<LiveJobView
				headingLevel={1}
				live={live.status === null ? { ...live, status: job.status, pausedMessage: job.pausedMessage } : live}
				job={job}
				branding={branding}
			/>
		</main>
	);
}

/**
 * `/track/:token`: the read-only live view of one job for anyone holding the link — no
 * account, no history, nothing but where the job is and who is coming.
 */
export function TrackPage({ token = "" }: { token?: string }) {
	const [state, setState] = useState<State>({ status: "loading" });
	useEffect(() => {
		let current = true;
		fetchTrackedJob(token)
			.then((tracked) => current && setState({ status: "ready", tracked }))
			.catch((err: unknown) => {
				if (!current) return;
				if (!isGone(err)) {
					setState({ status: "error", message: errorText(err) });
					return;
				}
				// A link past its job may still carry its survey, and by it its tenant's header.
				void fetchTrackedSurvey(token).then((survey) => {
					if (!current) return;
					const slug = survey?.tenantSlug;
					setState({
						status: "gone",
						reason: "inactive",
						tenant: slug ? { slug } : undefined,
						survey: survey ?? undefined,
					});
				});
			});
		return () => {
			current = false;
		};
	}, [token]);

	useEffect(() => {
		if (state.status === "gone") document.title = t("track.inactive.title");
	}, [state.status]);

	switch (state.status) {
		case "loading":
			return <ShellSkeleton />;
		case "gone": {
			const gone = <LinkGone reason={state.reason} token={token} survey={state.survey} />;
			return state.tenant ? (
				<TenantShell slug={state.tenant.slug} area={t("area.tracking")} branding={state.tenant.branding}>
					{() => gone}
				</TenantShell>
			) : (
				gone
			);
		}
		case "error":
			return (
				<main class="page narrow">
					<h1>{t("page.loadFailed")}</h1>
					<p role="alert">{state.message}</p>
				</main>
			);
		case "ready":
			return (
				<TenantShell
					slug={state.tracked.branding.slug}
					area={t("area.tracking")}
					branding={state.tracked.branding}
				>
					{() => (
						<TrackedJobView
							token={token}
							tracked={state.tracked}
							onGone={(reason) => {
								const { branding } = state.tracked;
								setState({ status: "gone", reason, tenant: { slug: branding.slug, branding } });
							}}
						/>
					)}
				</TenantShell>
			);
	}
}

import { useCallback, useEffect, useState } from "preact/hooks";
import type { JobStatus } from "../../../workers/contracts/live-messages";
import { errorText } from "../shared/i18n/errors";
import { t } from "../shared/i18n/i18n";
import { queuedMoves, useSendQueuedMoves, useTechnicianOutbox, withQueuedMoves } from "./statusOutbox";
import { TechnicianJobCard } from "./TechnicianJobCard";
import { fetchTodayJobs, type TechnicianJob } from "./technicianApi";

type State =
	| { status: "loading" }
	| { status: "ready"; jobs: TechnicianJob[] }
	| { status: "error"; message: string };

/** The signed-in technician's jobs for today, each with its moves. */
export function TodayJobs({ slug, timeZone }: { slug: string; timeZone: string }) {
	const [state, setState] = useState<State>({ status: "loading" });
	const load = useCallback(() => {
		fetchTodayJobs(slug)
			.then((jobs) => setState({ status: "ready", jobs }))
			.catch((err: unknown) => setState({ status: "error", message: errorText(err) }));
	}, [slug]);
	useEffect(load, [load]);
	// Moves made offline go out from here; a refused one reloads the jobs to show where they are.
	useSendQueuedMoves(slug, load);
	const outbox = useTechnicianOutbox(slug);

	if (state.status === "loading") {
		return (
			<p class="muted" aria-busy="true">
				{t("today.loading")}
			</p>
		);
	}
	if (state.status === "error") {
		return (
			<div class="notice notice-error" role="alert">
				<p>{state.message}</p>
				<button type="button" onClick={load}>
					{t("action.tryAgain")}
				</button>
			</div>
		);
	}
	if (state.jobs.length === 0) return <p class="empty-state">{t("today.empty")}</p>;

	const moved = (jobId: string) => (status: JobStatus, pausedMessage: string | null) =>
		setState((s) =>
			s.status === "ready"
				? { ...s, jobs: s.jobs.map((j) => (j.id === jobId ? { ...j, status, pausedMessage } : j)) }
				: s,
		);
	return (
		<div class="tech-jobs">
			{withQueuedMoves(state.jobs, outbox ? queuedMoves(outbox) : []).map((job) => (
				<TechnicianJobCard key={job.id} slug={slug} job={job} timeZone={timeZone} onMoved={moved(job.id)} />
			))}
		</div>
	);
}

import { useCallback, useEffect, useState } from "preact/hooks";
import type { JobStatus } from "../../../workers/contracts/live-messages";
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
			.catch((err: unknown) =>
				setState({ status: "error", message: err instanceof Error ? err.message : String(err) }),
			);
	}, [slug]);
	useEffect(load, [load]);

	if (state.status === "loading") {
		return (
			<p class="muted" aria-busy="true">
				Loading today's jobs…
			</p>
		);
	}
	if (state.status === "error") {
		return (
			<div class="notice notice-error" role="alert">
				<p>{state.message}</p>
				<button type="button" onClick={load}>
					Try again
				</button>
			</div>
		);
	}
	if (state.jobs.length === 0) return <p class="empty-state">No jobs assigned to you today.</p>;

	const moved = (jobId: string) => (status: JobStatus, pausedMessage: string | null) =>
		setState((s) =>
			s.status === "ready"
				? { ...s, jobs: s.jobs.map((j) => (j.id === jobId ? { ...j, status, pausedMessage } : j)) }
				: s,
		);
	return (
		<div class="tech-jobs">
			{state.jobs.map((job) => (
				<TechnicianJobCard key={job.id} slug={slug} job={job} timeZone={timeZone} onMoved={moved(job.id)} />
			))}
		</div>
	);
}

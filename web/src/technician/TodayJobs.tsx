import { CalendarCheck, RefreshCw } from "lucide";
import { useCallback, useEffect, useState } from "preact/hooks";
import type { JobStatus } from "../../../workers/contracts/live-messages";
import { errorText } from "../shared/i18n/errors";
import { t } from "../shared/i18n/i18n";
import { formatDay } from "../shared/tenantTime";
import { Button } from "../shared/ui/Button";
import { EmptyState } from "../shared/ui/EmptyState";
import { ErrorState } from "../shared/ui/ErrorState";
import { PageHeader } from "../shared/ui/PageHeader";
import { SkeletonBlock, SkeletonCard } from "../shared/ui/Skeleton";
import { queuedCompletions } from "./completionOutbox";
import { queuedMoves, useSendQueuedMoves, useTechnicianOutbox, withQueuedMoves } from "./statusOutbox";
import { TechnicianJobCard } from "./TechnicianJobCard";
import { fetchTodayJobs, type TechnicianJob } from "./technicianApi";

type State =
	| { status: "loading" }
	| { status: "ready"; jobs: TechnicianJob[] }
	| { status: "error"; message: string };

type Props = { slug: string; title: string; timeZone: string };

/** The signed-in technician's jobs for today, each with its moves. */
export function TodayJobs({ slug, title, timeZone }: Props) {
	const [state, setState] = useState<State>({ status: "loading" });
	const load = useCallback(() => {
		setState({ status: "loading" });
		fetchTodayJobs(slug)
			.then((jobs) => setState({ status: "ready", jobs }))
			.catch((err: unknown) => setState({ status: "error", message: errorText(err) }));
	}, [slug]);
	useEffect(load, [load]);
	// Moves made offline go out from here; a refused one reloads the jobs to show where they are.
	useSendQueuedMoves(slug, load);
	const outbox = useTechnicianOutbox(slug);

	const day = formatDay(Date.now(), timeZone);
	const header = (
		<PageHeader
			title={title}
			description={
				state.status === "ready" ? `${day} · ${t("today.count", { count: state.jobs.length })}` : day
			}
		/>
	);

	if (state.status === "loading") {
		return (
			<>
				{header}
				<SkeletonBlock label={t("today.loading")} class="tech-jobs">
					<SkeletonCard />
					<SkeletonCard />
				</SkeletonBlock>
			</>
		);
	}
	if (state.status === "error") {
		return (
			<>
				{header}
				<ErrorState title={t("today.loadFailed")} message={state.message} onRetry={load} />
			</>
		);
	}
	if (state.jobs.length === 0) {
		return (
			<>
				{header}
				<EmptyState
					icon={CalendarCheck}
					title={t("today.empty")}
					action={
						<Button variant="secondary" icon={RefreshCw} onClick={load}>
							{t("today.checkAgain")}
						</Button>
					}
				>
					<p>{t("today.emptyBody")}</p>
				</EmptyState>
			</>
		);
	}

	const moved = (jobId: string) => (status: JobStatus, pausedMessage: string | null) =>
		setState((s) =>
			s.status === "ready"
				? { ...s, jobs: s.jobs.map((j) => (j.id === jobId ? { ...j, status, pausedMessage } : j)) }
				: s,
		);
	return (
		<>
			{header}
			<div class="tech-jobs">
				{withQueuedMoves(
					state.jobs,
					outbox ? queuedMoves(outbox) : [],
					outbox ? queuedCompletions(outbox) : [],
				).map((job) => (
					<TechnicianJobCard key={job.id} slug={slug} job={job} timeZone={timeZone} onMoved={moved(job.id)} />
				))}
			</div>
		</>
	);
}

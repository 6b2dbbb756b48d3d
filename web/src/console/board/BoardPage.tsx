import { useEffect, useState } from "preact/hooks";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath } from "../consoleApi";
import { BoardCard, cardHeadingId } from "./BoardCard";
import type { BoardJob } from "./boardFeed";
import { groupByLane, LANES } from "./lanes";
import { TechnicianPositions } from "./TechnicianPositions";
import "./board.css";

function Board({ slug, branding, feed }: ConsoleContext) {
	const [announcement, setAnnouncement] = useState("");
	const [focusJob, setFocusJob] = useState<string>();
	const newBooking = feed.newBooking.value;
	const lanes = groupByLane(feed.jobs.value.values());
	const technicians = feed.technicians.value;

	useEffect(() => {
		if (newBooking)
			setAnnouncement(
				`New customer booking: job #${newBooking.number}${newBooking.customerName ? ` for ${newBooking.customerName}` : ""}.`,
			);
	}, [newBooking]);
	// The card was re-rendered in its new lane; keep the keyboard user with it.
	useEffect(() => {
		if (!focusJob) return;
		document.getElementById(cardHeadingId(focusJob))?.focus();
		setFocusJob(undefined);
	}, [focusJob]);

	function assigned(job: BoardJob, message: string) {
		setAnnouncement(message);
		setFocusJob(job.id);
	}

	return (
		<>
			<div class="page-head">
				<h1>{branding.name} dispatch board</h1>
				<a class="button" href={consolePath(slug, "/jobs/new")}>
					New job
				</a>
			</div>
			<p class="visually-hidden" role="status" aria-live="polite">
				{announcement}
			</p>
			{feed.loadError.value && !feed.loaded.value ? (
				<p class="notice notice-error" role="alert">
					We couldn't load the board: {feed.loadError.value} Retrying…
				</p>
			) : null}
			{!feed.loaded.value ? (
				<p class="muted" aria-busy="true">
					Loading the board…
				</p>
			) : (
				<div class="board">
					{LANES.map((lane) => {
						const jobs = lanes[lane.id];
						const headingId = `lane-${lane.id}`;
						return (
							<section key={lane.id} class={`lane lane-${lane.id}`} aria-labelledby={headingId}>
								<h2 id={headingId}>
									{lane.title} <span class="lane-count">({jobs.length})</span>
								</h2>
								{jobs.length ? (
									<ol class="plain-list">
										{jobs.map((job) => (
											<li key={job.id}>
												<BoardCard
													slug={slug}
													job={job}
													feed={feed}
													technicians={technicians}
													timeZone={branding.timezone}
													onAssigned={assigned}
												/>
											</li>
										))}
									</ol>
								) : (
									<p class="lane-empty muted">No jobs</p>
								)}
							</section>
						);
					})}
				</div>
			)}
			{feed.loaded.value ? (
				<TechnicianPositions feed={feed} tileUrl={branding.tileUrl} timeZone={branding.timezone} />
			) : null}
		</>
	);
}

/** `/d/:slug`: the live board. */
export function BoardPage({ slug, branding }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Board">
			{(context) => <Board {...context} />}
		</ConsolePage>
	);
}

import { useEffect, useState } from "preact/hooks";
import { SessionGate } from "../shared/auth/SessionGate";
import type { Me } from "../shared/auth/session";
import type { Branding } from "../shared/branding";
import { BOOK_LABEL, canBook, fetchJobs, type JobListItem, portalPath } from "./customerApi";
import { JobCard } from "./JobCard";

type Props = { slug: string; branding: Branding };

/** How many active and how many upcoming jobs the home page lists. */
const SHORT_LIST = 5;

type CurrentJobs = { status: "loading" } | { status: "ready"; jobs: JobListItem[] } | { status: "error" };

function useCurrentJobs(slug: string): CurrentJobs {
	const [state, setState] = useState<CurrentJobs>({ status: "loading" });
	useEffect(() => {
		let live = true;
		const limit = String(SHORT_LIST);
		Promise.all([
			fetchJobs(slug, { status: "active", limit }),
			fetchJobs(slug, { status: "upcoming", limit }),
		])
			.then(([active, upcoming]) => {
				if (live) setState({ status: "ready", jobs: [...active.items, ...upcoming.items] });
			})
			.catch(() => {
				if (live) setState({ status: "error" });
			});
		return () => {
			live = false;
		};
	}, [slug]);
	return state;
}

function SignedInHome({ me, slug, branding }: Props & { me: Me }) {
	const current = useCurrentJobs(slug);
	const kinds = branding.jobKinds;
	return (
		<>
			<p>{me.accountName ? `You're signed in for ${me.accountName}.` : "You're signed in."}</p>
			{canBook(me.role) && kinds.length ? (
				<div class="actions">
					{kinds.map((kind) => (
						<a
							key={kind}
							class="button"
							href={portalPath(slug, kinds.length > 1 ? `/book?kind=${kind}` : "/book")}
						>
							{BOOK_LABEL[kind].link}
						</a>
					))}
				</div>
			) : null}
			<section class="home-jobs" aria-labelledby="home-jobs-heading">
				<h2 id="home-jobs-heading">Active and upcoming</h2>
				{current.status === "loading" ? (
					<p class="muted" aria-busy="true">
						Loading your jobs…
					</p>
				) : current.status === "error" ? (
					<p class="notice notice-error">We couldn't load your jobs just now.</p>
				) : current.jobs.length === 0 ? (
					<p class="muted">Nothing booked or on the way right now.</p>
				) : (
					<ul class="job-list">
						{current.jobs.map((job) => (
							<li key={job.id}>
								<JobCard job={job} slug={slug} timeZone={branding.timezone} headingLevel={3} />
							</li>
						))}
					</ul>
				)}
				<p>
					<a class="link-target" href={portalPath(slug, "/jobs")}>
						All jobs
					</a>
				</p>
			</section>
		</>
	);
}

/** `/c/:slug`: the welcome, then for a signed-in customer the way to book and what is under way. */
export function PortalHome({ slug, branding }: Props) {
	return (
		<main class="page narrow">
			<h1>Welcome to {branding.name}</h1>
			<p>
				Book {branding.jobKinds.includes("pickup_delivery") ? "pickups" : "service calls"}, follow your jobs
				live and see your history — no password needed.
			</p>
			<SessionGate area="c" slug={slug} tenantName={branding.name} headingLevel={2}>
				{(me) => <SignedInHome me={me} slug={slug} branding={branding} />}
			</SessionGate>
		</main>
	);
}

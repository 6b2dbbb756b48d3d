import { CalendarCheck, ListChecks, Plus } from "lucide";
import { useCallback, useEffect, useState } from "preact/hooks";
import { SessionGate } from "../shared/auth/SessionGate";
import type { Me } from "../shared/auth/session";
import type { Branding } from "../shared/branding";
import { t } from "../shared/i18n/i18n";
import { Button } from "../shared/ui/Button";
import { EmptyState } from "../shared/ui/EmptyState";
import { ErrorState } from "../shared/ui/ErrorState";
import { PageHeader } from "../shared/ui/PageHeader";
import { SkeletonBlock, SkeletonCard } from "../shared/ui/Skeleton";
import { useWaitingBookingsModule } from "./booking/useWaitingBookingsModule";
import {
	bookLabel,
	canBook,
	canSeeJobs,
	fetchJobs,
	HOME_JOB_FILTERS,
	type JobListItem,
	portalPath,
} from "./customerApi";
import { JobCard } from "./JobCard";

type Props = { slug: string; branding: Branding };

type CurrentJobs = { status: "loading" } | { status: "ready"; jobs: JobListItem[] } | { status: "error" };

function useCurrentJobs(slug: string): { state: CurrentJobs; retry: () => void } {
	const [state, setState] = useState<CurrentJobs>({ status: "loading" });
	const [attempt, setAttempt] = useState(0);
	useEffect(() => {
		let live = true;
		setState({ status: "loading" });
		Promise.all(HOME_JOB_FILTERS.map((filters) => fetchJobs(slug, filters)))
			.then((pages) => {
				if (live) setState({ status: "ready", jobs: pages.flatMap((page) => page.items) });
			})
			.catch(() => {
				if (live) setState({ status: "error" });
			});
		return () => {
			live = false;
		};
	}, [slug, attempt]);
	const retry = useCallback(() => setAttempt((n) => n + 1), []);
	return { state, retry };
}

function BookButtons({ slug, branding, me }: Props & { me: Me }) {
	const kinds = branding.jobKinds;
	if (!canBook(me.role) || kinds.length === 0) return null;
	return (
		<>
			{kinds.map((kind, i) => (
				<Button
					key={kind}
					variant={i === 0 ? "primary" : "secondary"}
					icon={Plus}
					href={portalPath(slug, kinds.length > 1 ? `/book?kind=${kind}` : "/book")}
				>
					{bookLabel(kind).link}
				</Button>
			))}
		</>
	);
}

function CurrentJobList({ slug, branding, me }: Props & { me: Me }) {
	const { state, retry } = useCurrentJobs(slug);
	if (state.status === "loading") {
		return (
			<SkeletonBlock label={t("portal.home.loading")} class="card-grid">
				<SkeletonCard />
				<SkeletonCard />
				<SkeletonCard />
			</SkeletonBlock>
		);
	}
	if (state.status === "error") {
		return <ErrorState title={t("portal.home.loadFailed")} headingLevel={3} onRetry={retry} />;
	}
	if (state.jobs.length === 0) {
		const kind = branding.jobKinds[0];
		return (
			<EmptyState
				icon={CalendarCheck}
				title={t("portal.home.empty")}
				headingLevel={3}
				action={
					kind && canBook(me.role) ? (
						<Button icon={Plus} href={portalPath(slug, "/book")}>
							{bookLabel(kind).link}
						</Button>
					) : (
						<Button variant="secondary" icon={ListChecks} href={portalPath(slug, "/jobs")}>
							{t("portal.home.pastJobs")}
						</Button>
					)
				}
			>
				<p>{canBook(me.role) ? t("portal.home.emptyBooker") : t("portal.home.emptyViewer")}</p>
			</EmptyState>
		);
	}
	return (
		<ul class="job-list card-grid">
			{state.jobs.map((job) => (
				<li key={job.id}>
					<JobCard job={job} slug={slug} timeZone={branding.timezone} headingLevel={3} />
				</li>
			))}
		</ul>
	);
}

function SignedInHome({ me, slug, branding }: Props & { me: Me }) {
	if (!canSeeJobs(me.role)) {
		return (
			<p class="home-billing">
				<a class="link-target" href={portalPath(slug, "/invoices")}>
					{t("portal.billingHome")}
				</a>
			</p>
		);
	}
	return <JobsHome me={me} slug={slug} branding={branding} />;
}

/** What is under way across every location the contact sees, in one list. */
function JobsHome({ me, slug, branding }: Props & { me: Me }) {
	const outbox = useWaitingBookingsModule(slug, me.id);
	return (
		<>
			{outbox ? (
				<outbox.HomeWaitingBookings owner={{ slug, contactId: me.id }} timeZone={branding.timezone} />
			) : null}
			<section class="home-jobs" aria-labelledby="home-jobs-heading">
				<div class="section-head">
					<h2 id="home-jobs-heading">{t("portal.home.current")}</h2>
					<a class="link-target" href={portalPath(slug, "/jobs")}>
						{t("portal.home.allJobs")}
					</a>
				</div>
				<CurrentJobList me={me} slug={slug} branding={branding} />
			</section>
		</>
	);
}

/** Whom the page greets: the account when there is one. */
function Greeting({ slug, branding }: Props) {
	return (
		<SessionGate area="c" slug={slug} tenantName={branding.name} headingLevel={2}>
			{(me) => (
				<>
					<div class="home-intro">
						<p class="home-signed-in">
							{me.accountName
								? t("portal.home.signedInFor", { account: me.accountName })
								: t("portal.home.signedIn")}
						</p>
						<div class="home-actions">
							<BookButtons slug={slug} branding={branding} me={me} />
						</div>
					</div>
					<SignedInHome me={me} slug={slug} branding={branding} />
				</>
			)}
		</SessionGate>
	);
}

/** `/c/:slug`: the welcome, then for a signed-in customer the way to book and what is under way. */
export function PortalHome({ slug, branding }: Props) {
	const work = branding.jobKinds.includes("pickup_delivery") ? "pickups" : "serviceCalls";
	return (
		<main class="frame-row app-main portal-home">
			<PageHeader
				title={t("portal.home.title", { tenant: branding.name })}
				description={t("portal.home.description", { work })}
			/>
			<Greeting slug={slug} branding={branding} />
		</main>
	);
}

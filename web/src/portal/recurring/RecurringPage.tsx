import { Repeat as RepeatIcon } from "lucide";
import { useState } from "preact/hooks";
import { ApiError } from "../../shared/api";
import { t } from "../../shared/i18n/i18n";
import { formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { EmptyState } from "../../shared/ui/EmptyState";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton } from "../../shared/ui/Skeleton";
import { useResource } from "../../shared/useResource";
import { canBook, portalPath } from "../customerApi";
import { PortalPage, type PortalRouteProps } from "../PortalPage";
import {
	recurringPath,
	repeatInWords,
	type Series,
	type SeriesList,
	setPaused,
	skipOccurrence,
} from "./recurringApi";

type Occurrence = Series["upcoming"][number];

function occurrenceState(o: Occurrence): string {
	if (o.state === "skipped") return t("portal.recurring.state.skipped");
	if (o.state === "booked" && o.jobNumber !== null)
		return o.jobStatus === "cancelled"
			? t("portal.recurring.state.cancelled", { number: o.jobNumber })
			: t("portal.recurring.state.booked", { number: o.jobNumber });
	return t("portal.recurring.state.scheduled");
}

/** One series: the repeat in words, where, its next dates and what became of each; pause, resume, skip. */
function SeriesCard({
	slug,
	series,
	mayChange,
	highlight,
	onChanged,
}: {
	slug: string;
	series: Series;
	mayChange: boolean;
	highlight: boolean;
	onChanged: (next: Series) => void;
}) {
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string>();
	async function run(action: () => Promise<Series>) {
		setBusy(true);
		setError(undefined);
		try {
			onChanged(await action());
		} catch (err) {
			setError(err instanceof ApiError ? err.message : t("error.generic"));
		} finally {
			setBusy(false);
		}
	}
	const words = repeatInWords(series.repeat);
	return (
		<article
			class={highlight ? "recurring-series ui-card recurring-new" : "recurring-series ui-card"}
			aria-label={words}
		>
			<h2 class="recurring-title">{words}</h2>
			<p>{series.summary}</p>
			{series.paused ? <p class="notice">{t("portal.recurring.pausedNote")}</p> : null}
			<h3>{t("portal.recurring.next")}</h3>
			{series.upcoming.length ? (
				<ul class="recurring-upcoming">
					{series.upcoming.map((o) => {
						const when = formatDateTime(o.at, series.timezone);
						return (
							<li key={o.occurrence} class={o.state === "skipped" ? "recurring-skipped" : undefined}>
								<span class="recurring-when">{when}</span>{" "}
								<span class="recurring-state">
									{o.state === "booked" && o.jobId ? (
										<a href={portalPath(slug, `/jobs/${encodeURIComponent(o.jobId)}`)}>
											{occurrenceState(o)}
										</a>
									) : (
										occurrenceState(o)
									)}
								</span>
								{mayChange && o.state !== "skipped" && o.jobStatus !== "cancelled" ? (
									<Button
										size="sm"
										variant="ghost"
										type="button"
										disabled={busy}
										aria-label={t("portal.recurring.skipOne", { when })}
										onClick={() => run(() => skipOccurrence(slug, series.id, o.occurrence))}
									>
										{t("portal.recurring.skip")}
									</Button>
								) : null}
							</li>
						);
					})}
				</ul>
			) : (
				<p>{t("portal.recurring.noneSoon")}</p>
			)}
			{error ? (
				<p class="notice notice-error" role="alert">
					{error}
				</p>
			) : null}
			{mayChange ? (
				<Button
					type="button"
					variant="secondary"
					disabled={busy}
					onClick={() => run(() => setPaused(slug, series.id, !series.paused))}
				>
					{series.paused ? t("portal.recurring.resume") : t("portal.recurring.pause")}
				</Button>
			) : null}
		</article>
	);
}

/** `/c/:slug/recurring`: the customer's repeat bookings with their next dates in words. */
export function RecurringPage({ slug, branding, query }: PortalRouteProps) {
	const { state: list } = useResource<SeriesList>(recurringPath(slug));
	const [changed, setChanged] = useState<Record<string, Series>>({});
	return (
		<PortalPage slug={slug} branding={branding}>
			{(me) => (
				<>
					<PageHeader
						title={t("portal.recurring.title")}
						description={t("portal.recurring.intro", { tenant: branding.name })}
						actions={
							canBook(me.role) ? (
								<Button href={portalPath(slug, "/book")} variant="secondary">
									{t("portal.recurring.new")}
								</Button>
							) : null
						}
					/>
					{query?.created ? (
						<p class="notice notice-ok" role="status">
							{t("portal.recurring.created")}
						</p>
					) : null}
					{list.status === "loading" && !list.data ? (
						<Skeleton width="min(30rem, 90%)" height="6rem" />
					) : list.status === "error" ? (
						<p class="notice notice-error" role="alert">
							{list.message}
						</p>
					) : "data" in list && list.data ? (
						list.data.items.length ? (
							<div class="recurring-list">
								{list.data.items.map((s) => (
									<SeriesCard
										key={s.id}
										slug={slug}
										series={changed[s.id] ?? s}
										mayChange={canBook(me.role)}
										highlight={query?.created === s.id}
										onChanged={(next) => setChanged((c) => ({ ...c, [next.id]: next }))}
									/>
								))}
							</div>
						) : (
							<EmptyState icon={RepeatIcon} title={t("portal.recurring.empty.title")}>
								{t("portal.recurring.empty.body")}
							</EmptyState>
						)
					) : null}
				</>
			)}
		</PortalPage>
	);
}

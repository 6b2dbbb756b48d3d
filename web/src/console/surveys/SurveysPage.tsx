import { ListFilter, MessageSquareText, SearchX, X } from "lucide";
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ApiError, apiFetch } from "../../shared/api";
import { SelectField } from "../../shared/fields";
import { categoryLabel } from "../../shared/survey/SurveyCard";
import { formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { DateRangeFields } from "../../shared/ui/DateRangeFields";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, queryString, staffPath } from "../consoleApi";
import { DataTable } from "../DataTable";
import { ListSkeleton } from "../ListSkeleton";
import { Figures, type Results } from "./SurveyFigures";
import "./surveys.css";

type Answer = Results["items"][number];

type Filters = { from: string; to: string; technicianId: string };
const FILTERS: Array<keyof Filters> = ["from", "to", "technicianId"];

const scoreText = (scale: Answer["scale"], score: number) =>
	scale === "stars" ? `${score}/5 ★` : `${score}/10`;

type Technician = { id: string; name: string };

function SurveyResults({ slug, branding, filters }: ConsoleContext & { filters: Filters }) {
	const { route } = useLocation();
	const [draft, setDraft] = useState(filters);
	const query = queryString(filters);
	const { state, reload } = useResource<Results>(staffPath(slug, `/surveys${query}`));
	const technicians = useResource<Technician[]>(staffPath(slug, "/technicians"));
	const [more, setMore] = useState<{
		items: Answer[];
		cursor: string | null;
		loading: boolean;
		error?: string;
	}>();
	const first = "data" in state ? state.data : undefined;
	const items = [...(first?.items ?? []), ...(more?.items ?? [])];
	const cursor = more ? more.cursor : (first?.nextCursor ?? null);
	const tz = branding.timezone;

	function apply(event: Event) {
		event.preventDefault();
		route(consolePath(slug, `/surveys${queryString(draft)}`));
	}

	async function loadMore() {
		if (!cursor) return;
		setMore((m) => ({ items: m?.items ?? [], cursor, loading: true }));
		try {
			const page = await apiFetch<Results>(staffPath(slug, `/surveys${queryString({ ...filters, cursor })}`));
			setMore((m) => ({
				items: [...(m?.items ?? []), ...page.items],
				cursor: page.nextCursor,
				loading: false,
			}));
		} catch (err) {
			const message = err instanceof ApiError ? err.message : "Something went wrong. Please try again.";
			setMore((m) => ({ items: m?.items ?? [], cursor, loading: false, error: message }));
		}
	}

	const issue = (name: keyof Filters) =>
		state.status === "error" ? state.issues.find((i) => i.field === name)?.message : undefined;

	function answers() {
		if (state.status === "error" && !first)
			return (
				<ErrorState
					title="We couldn't load the survey results"
					message={state.message}
					onRetry={() => void reload()}
				/>
			);
		if (state.status === "not_found")
			return <ErrorState title="Survey results are not available" onRetry={() => void reload()} />;
		if (!first) return <ListSkeleton label="Loading survey results…" rows={4} />;
		if (items.length === 0)
			return query ? (
				<EmptyState
					icon={SearchX}
					title="No answer in this range"
					action={
						<Button variant="secondary" icon={X} href={consolePath(slug, "/surveys")}>
							Clear filters
						</Button>
					}
				>
					<p>Widen the dates or choose every technician.</p>
				</EmptyState>
			) : (
				<EmptyState icon={MessageSquareText} title="No survey answers yet">
					<p>Customers are asked after each completed job, on the job page and the tracking page.</p>
				</EmptyState>
			);
		return (
			<>
				<Figures results={first} />
				<DataTable
					class="survey-answers"
					columns={["When", "Job", "Score", "Comment", "Categories", "Technician", "From"]}
					busy={state.status === "loading"}
					caption={`${items.length}${cursor ? "+" : ""} ${items.length === 1 ? "answer" : "answers"}, newest first`}
				>
					{items.map((a) => (
						<tr key={a.id}>
							<td>
								<time dateTime={a.answeredAt}>{formatDateTime(a.answeredAt, tz)}</time>
							</td>
							<td>
								<a href={consolePath(slug, `/jobs/${encodeURIComponent(a.jobId)}`)}>#{a.jobNumber}</a>
							</td>
							<td class="survey-score">{scoreText(a.scale, a.score)}</td>
							<td class="break-anywhere">{a.comment ?? <span class="muted">—</span>}</td>
							<td>
								{Object.entries(a.categories)
									.map(([name, rating]) => `${categoryLabel(name)} ${rating}`)
									.join(", ") || <span class="muted">—</span>}
							</td>
							<td>{a.technicianName ?? "—"}</td>
							<td>{a.via === "tracking_link" ? "Tracking link" : (a.contactName ?? "—")}</td>
						</tr>
					))}
				</DataTable>
			</>
		);
	}

	return (
		<>
			<PageHeader
				title="Surveys"
				description="What customers said after their completed jobs: the score, by week, by technician and by category, and every comment."
			/>
			<form class="filters" onSubmit={apply} aria-label="Filter the survey results">
				<DateRangeFields
					id="surveys"
					foldable={false}
					from={draft.from}
					to={draft.to}
					onFrom={(from) => setDraft({ ...draft, from })}
					onTo={(to) => setDraft({ ...draft, to })}
					fromLabel="From"
					toLabel="To"
				/>
				<SelectField
					id="surveys-technician"
					label="Technician"
					value={draft.technicianId}
					onChange={(e) => setDraft({ ...draft, technicianId: e.currentTarget.value })}
					error={issue("technicianId")}
				>
					<option value="">Every technician</option>
					{technicians.state.status === "ready"
						? technicians.state.data.map((tech) => (
								<option key={tech.id} value={tech.id}>
									{tech.name}
								</option>
							))
						: null}
				</SelectField>
				<div class="filters-actions">
					<Button type="submit" variant="secondary" icon={ListFilter}>
						Filter
					</Button>
					{query ? (
						<Button variant="ghost" href={consolePath(slug, "/surveys")}>
							Clear filters
						</Button>
					) : null}
				</div>
			</form>
			{issue("to") || issue("from") ? (
				<p class="notice notice-error" role="alert">
					{issue("to") ?? issue("from")}
				</p>
			) : state.status === "error" && first ? (
				<p class="notice notice-error" role="alert">
					{state.message}
				</p>
			) : null}
			{answers()}
			{more?.error ? (
				<p class="notice notice-error" role="alert">
					{more.error}
				</p>
			) : null}
			{cursor ? (
				<div>
					<Button variant="secondary" disabled={more?.loading} onClick={() => void loadMore()}>
						Show older answers
					</Button>
				</div>
			) : null}
		</>
	);
}

/** `/d/:slug/surveys?from=&to=&technicianId=`: the answers to the survey after completed jobs. */
export function SurveysPage({ slug, branding, query = {} }: ConsoleRouteProps) {
	const filters = Object.fromEntries(FILTERS.map((f) => [f, query[f] ?? ""])) as Filters;
	return (
		<ConsolePage slug={slug} branding={branding} title="Surveys">
			{(context) => <SurveyResults {...context} key={queryString(filters)} filters={filters} />}
		</ConsolePage>
	);
}

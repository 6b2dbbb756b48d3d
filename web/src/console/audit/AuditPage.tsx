import { Download, History, ListFilter, SearchX, X } from "lucide";
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { z } from "zod";
import type { AuditPageSchema } from "../../../../workers/contracts/staff-activity";
import { ApiError, apiFetch } from "../../shared/api";
import { Field, SelectField, TextField } from "../../shared/fields";
import { formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, queryString, staffPath } from "../consoleApi";
import { DataTable } from "../DataTable";
import { ListSkeleton } from "../ListSkeleton";
import type { StaffMember } from "../settings/settingsTypes";
import { ACTION_LABELS, auditSentence, TARGET } from "./auditWords";

/** A page of `GET /api/d/:slug/audit`. */
type AuditPageAnswer = z.infer<typeof AuditPageSchema>;
type AuditEntry = AuditPageAnswer["items"][number];
/** Who may appear as an actor, for the filter's choices. */
type Actor = Pick<StaffMember, "id" | "name">;

type Filters = { actor: string; action: string; from: string; to: string };
const FILTERS: Array<keyof Filters> = ["actor", "action", "from", "to"];

const ACTOR_TYPE: Record<AuditEntry["actorType"], string> = {
	staff: "Staff",
	contact: "Customer",
	technician: "Technician",
	system: "System",
	api: "API",
	anonymous: "Signing in",
};

/** What the entry was about, by name ("job #1031", "Dana Reyes"); ids only in the CSV. */
function targetText(entry: AuditEntry): string {
	if (entry.target) return entry.target;
	return entry.targetType ? entry.targetType.replace("_", " ") : "—";
}

/** The target's page in the console, where there is one. */
function targetHref(slug: string, entry: AuditEntry): string | undefined {
	if (!entry.targetId) return undefined;
	const id = encodeURIComponent(entry.targetId);
	if (entry.targetType === "job") return consolePath(slug, `/jobs/${id}`);
	if (entry.targetType === "contact") return consolePath(slug, `/customers/contacts/${id}`);
	if (entry.targetType === "account") return consolePath(slug, `/customers/accounts/${id}`);
	return undefined;
}

/**
 * People to filter by: staff and technicians, and anyone already in the table (customers
 * included), so the current filter always has its name.
 */
function useActors(slug: string, current: string, items: AuditEntry[]) {
	const staff = useResource<Actor[]>(staffPath(slug, "/staff"));
	const technicians = useResource<Actor[]>(staffPath(slug, "/technicians"));
	const byId = new Map<string, string>();
	for (const list of [staff.state, technicians.state])
		if (list.status === "ready") for (const p of list.data) byId.set(p.id, p.name);
	for (const e of items) if (e.actorId && e.actor && !byId.has(e.actorId)) byId.set(e.actorId, e.actor);
	if (current && !byId.has(current)) byId.set(current, current);
	const list = [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
	return { list, nameOf: (id: string) => byId.get(id) };
}

function AuditLog({ slug, branding, filters }: ConsoleContext & { filters: Filters }) {
	const { route } = useLocation();
	const [draft, setDraft] = useState(filters);
	const query = queryString(filters);
	const { state, reload } = useResource<AuditPageAnswer>(staffPath(slug, `/audit${query}`));
	const [more, setMore] = useState<{
		items: AuditEntry[];
		cursor: string | null;
		loading: boolean;
		error?: string;
	}>();
	const first = "data" in state ? state.data : undefined;
	const items = [...(first?.items ?? []), ...(more?.items ?? [])];
	const cursor = more ? more.cursor : (first?.nextCursor ?? null);
	const tz = branding.timezone;
	const actors = useActors(slug, filters.actor, items);
	// Entries written before anyone was signed in (a link sent) carry an id but no name.
	const actorName = (e: AuditEntry) =>
		e.actor ?? (e.actorId ? actors.nameOf(e.actorId) : undefined) ?? "Someone signing in";

	function apply(event: Event) {
		event.preventDefault();
		route(consolePath(slug, `/audit${queryString(draft)}`));
	}

	async function loadMore() {
		if (!cursor) return;
		setMore((m) => ({ items: m?.items ?? [], cursor, loading: true }));
		try {
			const page = await apiFetch<AuditPageAnswer>(
				staffPath(slug, `/audit${queryString({ ...filters, cursor })}`),
			);
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
	const field = (name: keyof Filters, label: string, type: "text" | "date", hint?: string) => (
		<TextField
			id={`audit-${name}`}
			label={label}
			hint={hint}
			type={type}
			error={issue(name)}
			value={draft[name]}
			onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
		/>
	);

	const sentence = (entry: AuditEntry) => {
		const href = targetHref(slug, entry);
		return auditSentence(entry, actors.nameOf).map((part, i) =>
			part === TARGET ? (
				href ? (
					<a key={i} href={href}>
						{targetText(entry)}
					</a>
				) : (
					<strong key={i}>{targetText(entry)}</strong>
				)
			) : (
				part
			),
		);
	};

	function entries() {
		if (state.status === "error" && !first)
			return (
				<ErrorState
					title="We couldn't load the audit log"
					message={state.message}
					onRetry={() => void reload()}
				/>
			);
		if (state.status === "not_found")
			return <ErrorState title="The audit log is not available" onRetry={() => void reload()} />;
		if (!first) return <ListSkeleton label="Loading the audit log…" rows={5} />;
		if (items.length === 0)
			return query ? (
				<EmptyState
					icon={SearchX}
					title="No entry matches these filters"
					action={
						<Button variant="secondary" icon={X} href={consolePath(slug, "/audit")}>
							Clear filters
						</Button>
					}
				>
					<p>Widen the dates, choose anyone as the actor, or try a family of actions such as job.*.</p>
				</EmptyState>
			) : (
				<EmptyState icon={History} title="Nothing recorded yet">
					<p>Every sign-in, booking, block and change is recorded here as it happens.</p>
				</EmptyState>
			);
		return (
			<DataTable
				class="audit-table"
				columns={["When", "Who", "What", "From"]}
				busy={state.status === "loading"}
				caption={`${items.length}${cursor ? "+" : ""} ${items.length === 1 ? "entry" : "entries"}, newest first`}
			>
				{items.map((entry) => (
					<tr key={entry.id}>
						<td class="audit-when">
							<time dateTime={entry.at}>{formatDateTime(entry.at, tz)}</time>
						</td>
						<td class="audit-who">
							{entry.actorId ? (
								<a
									href={consolePath(slug, `/audit${queryString({ ...filters, actor: entry.actorId })}`)}
									title="Show only this person's entries"
								>
									{actorName(entry)}
								</a>
							) : (
								(entry.actor ?? "Someone signing in")
							)}
							<span class="audit-actor-type">{ACTOR_TYPE[entry.actorType] ?? entry.actorType}</span>
						</td>
						<td class="audit-what break-anywhere" title={entry.action}>
							{sentence(entry)}
						</td>
						<td class="audit-from">
							{entry.device ?? "—"}
							{entry.ip ? <span class="muted"> · {entry.ip}</span> : null}
						</td>
					</tr>
				))}
			</DataTable>
		);
	}

	return (
		<>
			<PageHeader
				title="Audit log"
				description="Every sign-in, booking, block and change: who did it, when, and from where."
				actions={
					<Button variant="secondary" icon={Download} href={staffPath(slug, `/audit.csv${query}`)} download>
						Download CSV
					</Button>
				}
			/>
			<form class="filters" onSubmit={apply} aria-label="Filter the audit log">
				<SelectField
					id="audit-actor"
					label="Actor"
					hint="Or pick a name in the table."
					value={draft.actor}
					onChange={(e) => setDraft({ ...draft, actor: e.currentTarget.value })}
					error={issue("actor")}
				>
					<option value="">Anyone</option>
					{actors.list.map((a) => (
						<option key={a.id} value={a.id}>
							{a.name}
						</option>
					))}
				</SelectField>
				<Field
					id="audit-action"
					label="Action"
					hint="A code from the list, or a family: job.*"
					error={issue("action")}
				>
					{(control) => (
						<input
							{...control}
							class="field-input"
							type="text"
							list="audit-actions"
							value={draft.action}
							onInput={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
						/>
					)}
				</Field>
				<datalist id="audit-actions">
					{Object.entries(ACTION_LABELS).map(([code, label]) => (
						<option key={code} value={code} label={label} />
					))}
				</datalist>
				{field("from", "From", "date")}
				{field("to", "To", "date")}
				<div class="filters-actions">
					<Button type="submit" variant="secondary" icon={ListFilter}>
						Filter
					</Button>
					{query ? (
						<Button variant="ghost" href={consolePath(slug, "/audit")}>
							Clear filters
						</Button>
					) : null}
				</div>
			</form>
			{state.status === "error" && first ? (
				<p class="notice notice-error" role="alert">
					{state.message}
				</p>
			) : null}
			{entries()}
			{more?.error ? (
				<p class="notice notice-error" role="alert">
					{more.error}
				</p>
			) : null}
			{cursor ? (
				<div>
					<Button variant="secondary" disabled={more?.loading} onClick={() => void loadMore()}>
						Show older entries
					</Button>
				</div>
			) : null}
		</>
	);
}

/** `/d/:slug/audit?actor=&action=&from=&to=`: every sign-in, booking, block and change. */
export function AuditPage({ slug, branding, query = {} }: ConsoleRouteProps) {
	const filters = Object.fromEntries(FILTERS.map((f) => [f, query[f] ?? ""])) as Filters;
	return (
		<ConsolePage slug={slug} branding={branding} title="Audit log">
			{(context) => <AuditLog {...context} key={queryString(filters)} filters={filters} />}
		</ConsolePage>
	);
}

import { FileDown, FileText } from "lucide";
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { apiFetch } from "../../shared/api";
import type { Branding } from "../../shared/branding";
import { SelectField, TextField } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
import { formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { LoadMoreButton } from "../../shared/ui/LoadMoreButton";
import { PageHeader } from "../../shared/ui/PageHeader";
import { SkeletonCard } from "../../shared/ui/Skeleton";
import { usePagedList } from "../../shared/usePagedList";
import { customerPath, portalPath } from "../customerApi";
import { PortalPage, type PortalRouteProps } from "../PortalPage";

type DocumentItem = {
	type: "estimate" | "invoice" | "receipt" | "report";
	id: string;
	title: string;
	jobId: string | null;
	createdAt: string;
	url: string;
};
type Filters = { type?: string; q?: string; from?: string; to?: string };

const TYPES = ["estimate", "invoice", "receipt", "report"] as const;

const queryOf = (f: Filters & { cursor?: string }) => {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(f)) if (v) params.set(k, v);
	const s = params.toString();
	return s ? `?${s}` : "";
};

function DocumentList({
	slug,
	branding,
	query,
}: {
	slug: string;
	branding: Branding;
	query: Record<string, string>;
}) {
	const filters: Filters = { type: query.type, q: query.q, from: query.from, to: query.to };
	const { route } = useLocation();
	const [draft, setDraft] = useState<Filters>(filters);
	const list = usePagedList(`${slug}${queryOf(filters)}`, (cursor) =>
		apiFetch<{ items: DocumentItem[]; nextCursor: string | null }>(
			customerPath(slug, `/documents${queryOf({ ...filters, cursor })}`),
		),
	);
	return (
		<>
			<PageHeader title={t("documents.title")} description={t("documents.description")} />
			<form
				class="documents-filters"
				onSubmit={(e) => {
					e.preventDefault();
					route(portalPath(slug, "/documents") + queryOf(draft));
				}}
			>
				<SelectField
					id="doc-type"
					label={t("documents.filterType")}
					value={draft.type ?? ""}
					onChange={(e) => setDraft({ ...draft, type: e.currentTarget.value || undefined })}
				>
					<option value="">{t("documents.all")}</option>
					{TYPES.map((type) => (
						<option key={type} value={type}>
							{t("documents.type", { type })}
						</option>
					))}
				</SelectField>
				<TextField
					id="doc-q"
					type="search"
					label={t("documents.search")}
					value={draft.q ?? ""}
					onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value || undefined })}
				/>
				<TextField
					id="doc-from"
					type="date"
					label={t("documents.from")}
					value={draft.from ?? ""}
					onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value || undefined })}
				/>
				<TextField
					id="doc-to"
					type="date"
					label={t("documents.to")}
					value={draft.to ?? ""}
					onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value || undefined })}
				/>
				<Button type="submit" variant="secondary">
					{t("documents.filter")}
				</Button>
			</form>
			{list.error && list.items.length === 0 ? (
				<ErrorState title={t("documents.loadFailed")} message={list.error} onRetry={list.retry} />
			) : list.loading === "first" ? (
				<SkeletonCard />
			) : list.items.length === 0 ? (
				<EmptyState icon={FileText} title={t("documents.empty")}>
					<p>{t("documents.description")}</p>
				</EmptyState>
			) : (
				<ul class="documents-list">
					{list.items.map((d) => (
						<li key={`${d.type}-${d.id}`}>
							<Card class="document-card">
								<p class="muted">{t("documents.type", { type: d.type })}</p>
								<h2 class="card-title">{d.title}</h2>
								<p class="muted">{formatDateTime(d.createdAt, branding.timezone)}</p>
								<Button variant="secondary" icon={FileDown} href={d.url}>
									{t("documents.download")}
								</Button>
							</Card>
						</li>
					))}
				</ul>
			)}
			<LoadMoreButton
				list={list}
				onClick={() => void list.loadMore()}
				label={t("documents.more")}
				busyLabel={t("documents.more")}
			/>
		</>
	);
}

/** `/c/:slug/documents`: every document the contact may see, each downloadable. */
export function DocumentsPage({ slug, branding, query = {} }: PortalRouteProps) {
	return (
		<PortalPage slug={slug} branding={branding}>
			{() => <DocumentList slug={slug} branding={branding} query={query} />}
		</PortalPage>
	);
}

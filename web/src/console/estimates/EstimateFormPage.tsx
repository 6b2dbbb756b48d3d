import { ArrowLeft, FileText, Save, Send } from "lucide";
import { useEffect, useId, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ApiError } from "../../shared/api";
import { ErrorSummary } from "../../shared/ErrorSummary";
import type { QuoteRequest, StaffEstimate } from "../../shared/estimates/estimateTypes";
import { TotalsTable } from "../../shared/estimates/TotalsTable";
import { FormError, SelectField, TextAreaField, TextField } from "../../shared/fields";
import { formatCalendarDay } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton, SkeletonBlock, SkeletonCard } from "../../shared/ui/Skeleton";
import { useApiForm } from "../../shared/useApiForm";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, isAdmin, staffPath } from "../consoleApi";
import type { Directory } from "../customers/customerTypes";
import { LineEditor, lineFieldId } from "../lines/LineEditor";
import { currencyDigits } from "../lines/lineDraft";
import { useDraftTotals } from "../lines/useDraftTotals";
import type { TenantSettingsView } from "../settings/settingsTypes";
import {
	createEstimate,
	estimateRoute,
	shareEstimate,
	staffEstimatePath,
	updateEstimate,
} from "./estimateApi";
import {
	contentBody,
	createBody,
	draftFromEstimate,
	draftProblems,
	type EstimateDraft,
	newEstimateDraft,
} from "./estimateDraft";
import "../../portal/portal.css";
import "./console-estimates.css";

type Mode =
	| { kind: "new"; request: QuoteRequest | null; accountId: string }
	| { kind: "edit"; estimate: StaffEstimate };

/** Top-level fields in the order the form shows them (lines between title and tax). */
const TOP_FIELDS = [
	"accountId",
	"contactId",
	"locationId",
	"title",
	"taxRateBps",
	"discountMinor",
	"expiresAt",
	"notes",
	"terms",
];

const fieldFor = (issue: string): string | undefined =>
	TOP_FIELDS.includes(issue) || /^lines\.\d+\.\w+$/.test(issue)
		? issue
		: issue === "lines"
			? "title"
			: undefined;

/** The statuses whose next save is a new version the customer sees. */
const SHARED = new Set(["sent", "changes_requested", "rejected", "expired"]);

/** The first line of a request's description, as an estimate's title. */
const titleFrom = (request: QuoteRequest) => (request.description.split("\n")[0] ?? "").slice(0, 120);

function RequestSummary({ request }: { request: QuoteRequest }) {
	const window =
		request.preferredFrom || request.preferredTo
			? [request.preferredFrom, request.preferredTo]
					.filter((d): d is string => Boolean(d))
					.map(formatCalendarDay)
					.join(" – ")
			: null;
	return (
		<Card tone="flat" class="est-request-summary">
			<p class="est-request-kicker">
				<Icon icon={FileText} size={16} />
				<span>Answering a quote request from {request.contact.name}</span>
			</p>
			<p class="est-request-body">{request.description}</p>
			<p class="muted">
				{request.address.line1}, {request.address.city}
				{window ? ` · preferred ${window}` : ""}
			</p>
		</Card>
	);
}

function EstimateForm({ slug, branding, me, mode }: ConsoleContext & { mode: Mode }) {
	const id = useId();
	const { route } = useLocation();
	const currency = mode.kind === "edit" ? mode.estimate.currency : branding.currency;
	const digits = currencyDigits(currency);
	const directory = useResource<Directory>(staffPath(slug, "/customers"));
	const settings = useResource<TenantSettingsView>(
		mode.kind === "new" && isAdmin(me.role) ? staffPath(slug, "/settings") : null,
	);
	const defaultRate = settings.state.status === "ready" ? settings.state.data.taxRateBps : null;
	const [draft, setDraft] = useState<EstimateDraft>(() => {
		if (mode.kind === "edit") return draftFromEstimate(mode.estimate, mode.estimate.expiresOn);
		const fresh = newEstimateDraft(null);
		const r = mode.request;
		if (!r) return { ...fresh, accountId: mode.accountId };
		return {
			...fresh,
			accountId: r.account?.id ?? "",
			contactId: r.contact.id,
			locationId: r.location?.id ?? "",
			quoteRequestId: r.id,
			title: titleFrom(r),
		};
	});
	const form = useApiForm<string>(fieldFor);
	const [versionChanged, setVersionChanged] = useState(false);

	// The tenant's rate arrives after the form: fill it in unless someone typed one meanwhile.
	useEffect(() => {
		if (defaultRate !== null) setDraft((d) => (d.taxRate ? d : { ...d, taxRate: String(defaultRate / 100) }));
	}, [defaultRate]);

	const accounts = directory.state.status === "ready" ? directory.state.data.accounts : [];
	const account = accounts.find((a) => a.id === draft.accountId);
	const { totals, rateBps } = useDraftTotals(draft, digits);

	const editing = mode.kind === "edit" ? mode.estimate : null;
	const shared = editing ? SHARED.has(editing.status) : false;
	const nextVersion = editing ? editing.version + 1 : 1;

	async function save(andShare: boolean) {
		const problems = draftProblems(draft, digits);
		if (Object.keys(problems).length) return form.showErrors(problems);
		setVersionChanged(false);
		await form.submit(
			async () => {
				const saved = editing
					? await updateEstimate(slug, editing.id, {
							baseVersion: editing.version,
							contactId: draft.contactId || null,
							locationId: draft.locationId || null,
							...contentBody(draft, digits),
						})
					: await createEstimate(slug, createBody(draft, digits));
				if (andShare) await shareEstimate(slug, saved.id);
				const note = andShare ? "shared" : editing ? "saved" : "created";
				route(consolePath(slug, `${estimateRoute(saved.id)}?${note}=1`));
			},
			(err) => {
				if (!(err instanceof ApiError && err.code === "version_changed")) return false;
				setVersionChanged(true);
				return true;
			},
		);
	}

	const problems = [
		...["accountId", "contactId", "locationId", "title"],
		...draft.lines.flatMap((_, i) =>
			["description", "quantity", "unitPriceMinor"].map((f) => `lines.${i}.${f}`),
		),
		...TOP_FIELDS.slice(4),
	].flatMap((field) => {
		const message = form.errors[field];
		if (!message) return [];
		const line = /^lines\.(\d+)\.(\w+)$/.exec(field);
		return [{ fieldId: line ? lineFieldId(id, Number(line[1]), line[2] ?? "") : `${id}-${field}`, message }];
	});
	const back = editing ? consolePath(slug, estimateRoute(editing.id)) : consolePath(slug, "/estimates");

	return (
		<form
			ref={form.formRef}
			class="est-form"
			noValidate
			onSubmit={(e) => {
				e.preventDefault();
				void save(true);
			}}
		>
			<PageHeader
				back={
					<a class="link-target back-link" href={back}>
						<Icon icon={ArrowLeft} size={16} />
						{editing ? `Back to estimate #${editing.number}` : "All estimates"}
					</a>
				}
				title={editing ? `Revise estimate #${editing.number}` : "New estimate"}
				description={
					editing
						? shared
							? `Saving makes version ${nextVersion}; the customer sees exactly what changed.`
							: "A draft: only your team sees it until you share it."
						: "Price the work line by line; totals update as you type."
				}
			/>
			<ErrorSummary problems={problems} />
			{versionChanged ? (
				<div class="notice est-notice-warning" role="alert">
					<p>
						Someone changed this estimate since you opened it, so nothing was saved. Your edits are still
						here. <a href={consolePath(slug, estimateRoute(editing?.id ?? ""))}>See the latest version</a>
					</p>
				</div>
			) : null}
			{mode.kind === "new" && mode.request ? <RequestSummary request={mode.request} /> : null}
			<div class="est-form-layout">
				<div class="est-form-main">
					<Card as="section" padding="lg" aria-labelledby={`${id}-who`}>
						<h2 id={`${id}-who`} class="card-title">
							Customer
						</h2>
						{directory.state.status === "error" ? (
							<ErrorState
								title="We couldn't load your customers"
								message={directory.state.message}
								onRetry={() => void directory.reload()}
								headingLevel={3}
							/>
						) : null}
						<div class="est-form-grid">
							<SelectField
								id={`${id}-accountId`}
								label="Account"
								value={draft.accountId}
								disabled={form.submitting || !!editing || directory.state.status !== "ready"}
								onChange={(e) =>
									setDraft({ ...draft, accountId: e.currentTarget.value, contactId: "", locationId: "" })
								}
								error={form.errors.accountId}
							>
								<option value="">
									{directory.state.status === "ready" ? "Choose an account" : "Loading…"}
								</option>
								{accounts.map((a) => (
									<option key={a.id} value={a.id}>
										{a.name}
									</option>
								))}
							</SelectField>
							<SelectField
								id={`${id}-contactId`}
								label="Contact (optional)"
								value={draft.contactId}
								disabled={form.submitting || !account}
								onChange={(e) => setDraft({ ...draft, contactId: e.currentTarget.value })}
								error={form.errors.contactId}
							>
								<option value="">Everyone who may decide</option>
								{account?.contacts.map((c) => (
									<option key={c.id} value={c.id} disabled={c.blocked}>
										{c.name} — {c.email}
										{c.blocked ? " (blocked)" : ""}
									</option>
								))}
							</SelectField>
							<SelectField
								id={`${id}-locationId`}
								label="Location (optional)"
								value={draft.locationId}
								disabled={form.submitting || !account || account.locations.length === 0}
								onChange={(e) => setDraft({ ...draft, locationId: e.currentTarget.value })}
								error={form.errors.locationId}
							>
								<option value="">
									{account?.locations.length ? "No particular location" : "No locations"}
								</option>
								{account?.locations.map((l) => (
									<option key={l.id} value={l.id}>
										{l.name} — {l.line1}, {l.city}
									</option>
								))}
							</SelectField>
						</div>
						<p class="field-hint">
							The contact gets the email with a link to it. Without one, the account's admins (and the
							location's bookers) do.
						</p>
					</Card>
					<Card as="section" padding="lg" aria-labelledby={`${id}-work`}>
						<h2 id={`${id}-work`} class="card-title">
							The work
						</h2>
						<TextField
							id={`${id}-title`}
							label="Title"
							hint="What the customer sees first, like “Replace water heater”."
							type="text"
							maxLength={200}
							readOnly={form.submitting}
							value={draft.title}
							onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
							error={form.errors.title}
						/>
						<LineEditor
							idPrefix={id}
							lines={draft.lines}
							currency={currency}
							digits={digits}
							errors={form.errors}
							readOnly={form.submitting}
							onChange={(lines) => setDraft({ ...draft, lines })}
							optionalLines
						/>
					</Card>
					<Card as="section" padding="lg" aria-labelledby={`${id}-terms`}>
						<h2 id={`${id}-terms`} class="card-title">
							Notes and terms
						</h2>
						<TextField
							id={`${id}-expiresAt`}
							label="Valid until (optional)"
							hint="The last day the customer can approve it."
							type="date"
							readOnly={form.submitting}
							value={draft.expiresAt}
							onInput={(e) => setDraft({ ...draft, expiresAt: e.currentTarget.value })}
							error={form.errors.expiresAt}
						/>
						<TextAreaField
							id={`${id}-notes`}
							label="Notes for the customer (optional)"
							rows={3}
							maxLength={2000}
							readOnly={form.submitting}
							value={draft.notes}
							onInput={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
							error={form.errors.notes}
						/>
						<TextAreaField
							id={`${id}-terms`}
							label="Terms (optional)"
							rows={4}
							maxLength={4000}
							readOnly={form.submitting}
							value={draft.terms}
							onInput={(e) => setDraft({ ...draft, terms: e.currentTarget.value })}
							error={form.errors.terms}
						/>
					</Card>
				</div>
				<aside class="est-form-side">
					<Card as="section" padding="lg" class="est-form-summary" aria-labelledby={`${id}-summary`}>
						<h2 id={`${id}-summary`} class="card-title">
							Summary
						</h2>
						<div class="est-form-grid est-form-grid-2">
							<TextField
								id={`${id}-discountMinor`}
								label={`Discount (${currency})`}
								type="text"
								inputMode="decimal"
								autocomplete="off"
								placeholder={digits ? `0.${"0".repeat(digits)}` : "0"}
								readOnly={form.submitting}
								value={draft.discount}
								onInput={(e) => setDraft({ ...draft, discount: e.currentTarget.value })}
								error={form.errors.discountMinor}
							/>
							<TextField
								id={`${id}-taxRateBps`}
								label="Tax rate (%)"
								hint={draft.taxRate ? undefined : "Blank: the tenant's rate."}
								type="text"
								inputMode="decimal"
								autocomplete="off"
								readOnly={form.submitting}
								value={draft.taxRate}
								onInput={(e) => setDraft({ ...draft, taxRate: e.currentTarget.value })}
								error={form.errors.taxRateBps}
							/>
						</div>
						<TotalsTable
							totals={totals}
							currency={currency}
							optionalLeftOutMinor={totals.optionalMinor}
							live
							label="Totals as typed"
						/>
						<p class="est-form-note">
							{rateBps === null ? "Tax is added at the tenant's rate when you save. " : ""}
							The saved estimate's figures are the server's, rounded half-up per line.
						</p>
						<FormError message={form.formError} />
						<p class="notice-live" role="status">
							{form.submitting ? "Saving…" : ""}
						</p>
						<div class="est-form-actions">
							<Button type="submit" icon={Send} wide disabled={form.submitting}>
								{shared ? `Save version ${nextVersion} and email it` : "Save and share"}
							</Button>
							<Button
								variant="secondary"
								icon={Save}
								wide
								disabled={form.submitting}
								onClick={() => void save(false)}
							>
								{shared ? `Save version ${nextVersion} only` : "Save draft"}
							</Button>
						</div>
					</Card>
				</aside>
			</div>
		</form>
	);
}

function FormSkeleton() {
	return (
		<SkeletonBlock label="Loading the estimate…">
			<Skeleton width="16rem" height="2.25rem" />
			<div class="est-form-layout">
				<div class="est-form-main">
					<SkeletonCard />
					<SkeletonCard />
				</div>
				<div class="est-form-side">
					<SkeletonCard />
				</div>
			</div>
		</SkeletonBlock>
	);
}

/** The new form, pre-filled from `?request=` (a quote request) or `?account=`. */
function NewEstimate(props: ConsoleContext & { requestId: string; accountId: string }) {
	const request = useResource<QuoteRequest>(
		props.requestId ? staffPath(props.slug, `/quote-requests/${encodeURIComponent(props.requestId)}`) : null,
	);
	if (!props.requestId)
		return <EstimateForm {...props} mode={{ kind: "new", request: null, accountId: props.accountId }} />;
	if (request.state.status === "error" || request.state.status === "not_found")
		return (
			<ErrorState
				title="We couldn't load the quote request"
				message={request.state.status === "error" ? request.state.message : "It is no longer there."}
				onRetry={() => void request.reload()}
				headingLevel={1}
			>
				<Button variant="ghost" href={consolePath(props.slug, "/estimates/new")}>
					Start without it
				</Button>
			</ErrorState>
		);
	if (request.state.status !== "ready") return <FormSkeleton />;
	return <EstimateForm {...props} mode={{ kind: "new", request: request.state.data, accountId: "" }} />;
}

function EditEstimate(props: ConsoleContext & { id: string }) {
	const { state, reload } = useResource<StaffEstimate>(staffEstimatePath(props.slug, props.id));
	if (state.status === "not_found")
		return (
			<ErrorState
				title="Estimate not found"
				message="There is no such estimate here."
				onRetry={() => void reload()}
				headingLevel={1}
			/>
		);
	if (state.status === "error")
		return (
			<ErrorState
				title="We couldn't load this estimate"
				message={state.message}
				onRetry={() => void reload()}
				headingLevel={1}
			/>
		);
	if (state.status !== "ready") return <FormSkeleton />;
	return <EstimateForm {...props} mode={{ kind: "edit", estimate: state.data }} />;
}

/** `/d/:slug/estimates/new?request=&account=`: a new estimate. */
export function NewEstimatePage({ slug, branding, query = {} }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title="New estimate">
			{(context) => (
				<NewEstimate {...context} requestId={query.request ?? ""} accountId={query.account ?? ""} />
			)}
		</ConsolePage>
	);
}

/** `/d/:slug/estimates/:id/edit`: revise an estimate (a new version once it was shared). */
export function EditEstimatePage({ slug, branding, id = "" }: ConsoleRouteProps & { id?: string }) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Revise estimate">
			{(context) => <EditEstimate {...context} key={id} id={id} />}
		</ConsolePage>
	);
}

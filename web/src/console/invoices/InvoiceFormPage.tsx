import { ArrowLeft, Save, Send } from "lucide";
import { useEffect, useId, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ErrorSummary } from "../../shared/ErrorSummary";
import type { StaffEstimate } from "../../shared/estimates/estimateTypes";
import { TotalsTable } from "../../shared/estimates/TotalsTable";
import { FormError, SelectField, TextAreaField, TextField } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
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
import { staffEstimatePath } from "../estimates/estimateApi";
import { LineEditor, lineFieldId } from "../lines/LineEditor";
import { currencyDigits, rateText } from "../lines/lineDraft";
import { useDraftTotals } from "../lines/useDraftTotals";
import type { TenantSettingsView } from "../settings/settingsTypes";
import {
	createInvoice,
	draftFromJobPath,
	type InvoiceDraftFromJob,
	invoiceRoute,
	shareInvoice,
} from "./invoiceApi";
import {
	createBody,
	draftFromEstimate,
	draftFromJob,
	type InvoiceDraft,
	invoiceProblems,
	newInvoiceDraft,
} from "./invoiceDraft";
import "../../portal/portal.css";
import "../estimates/console-estimates.css";
import "./console-invoices.css";

/** Top-level fields in the order the form shows them (lines between location and discount). */
const TOP_FIELDS = [
	"accountId",
	"contactId",
	"locationId",
	"discountMinor",
	"taxRateBps",
	"dueAt",
	"terms",
	"notes",
];

const fieldFor = (issue: string): string | undefined =>
	TOP_FIELDS.includes(issue) || /^lines\.\d+\.\w+$/.test(issue)
		? issue
		: issue === "lines"
			? "accountId"
			: issue === "jobId" || issue === "estimateId"
				? "accountId"
				: undefined;

/** Where the form started: a completed job, an approved estimate, or nothing but maybe an account. */
type Source = { job?: InvoiceDraftFromJob; estimate?: StaffEstimate; accountId: string };

function InvoiceForm({ slug, branding, me, source }: ConsoleContext & { source: Source }) {
	const id = useId();
	const { route } = useLocation();
	const currency = source.job?.currency ?? source.estimate?.currency ?? branding.currency;
	const digits = currencyDigits(currency);
	const directory = useResource<Directory>(staffPath(slug, "/customers"));
	// A job's draft carries the tenant's defaults; from scratch only an admin may read them.
	const settings = useResource<TenantSettingsView>(
		!source.job && isAdmin(me.role) ? staffPath(slug, "/settings") : null,
	);
	const [draft, setDraft] = useState<InvoiceDraft>(() =>
		source.job
			? draftFromJob(source.job, currency)
			: source.estimate
				? draftFromEstimate(source.estimate)
				: newInvoiceDraft(source.accountId),
	);
	const form = useApiForm<string>(fieldFor);

	// The tenant's defaults arrive after the form: fill them in unless someone typed meanwhile.
	const defaults = settings.state.status === "ready" ? settings.state.data : null;
	useEffect(() => {
		if (!defaults) return;
		setDraft((d) => ({
			...d,
			taxRate: d.taxRate || rateText(defaults.taxRateBps),
			terms: d.terms || (defaults.invoiceTermsDefault ?? ""),
		}));
	}, [defaults]);

	const accounts = directory.state.status === "ready" ? directory.state.data.accounts : [];
	const account = accounts.find((a) => a.id === draft.accountId);
	const { totals } = useDraftTotals(draft, digits);
	const balanceMinor = Math.max(0, totals.totalMinor - draft.depositAppliedMinor);
	const fromWork = Boolean(draft.jobId || draft.estimateId);

	async function save(andShare: boolean) {
		const problems = invoiceProblems(draft, digits);
		if (Object.keys(problems).length) return form.showErrors(problems);
		await form.submit(async () => {
			const saved = await createInvoice(slug, createBody(draft, digits));
			if (andShare) await shareInvoice(slug, saved.id);
			route(consolePath(slug, `${invoiceRoute(saved.id)}?${andShare ? "shared" : "created"}=1`));
		});
	}

	const problems = [
		...TOP_FIELDS.slice(0, 3),
		...draft.lines.flatMap((_, i) =>
			["description", "quantity", "unitPriceMinor"].map((f) => `lines.${i}.${f}`),
		),
		...TOP_FIELDS.slice(3),
	].flatMap((field) => {
		const message = form.errors[field];
		if (!message) return [];
		const line = /^lines\.(\d+)\.(\w+)$/.exec(field);
		return [{ fieldId: line ? lineFieldId(id, Number(line[1]), line[2] ?? "") : `${id}-${field}`, message }];
	});
	const origin = source.job
		? t("console.invoiceForm.fromJob", { number: source.job.jobNumber })
		: source.estimate
			? t("console.invoiceForm.fromEstimate", { number: source.estimate.number })
			: t("console.invoiceForm.fromScratch");

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
					<a class="link-target back-link" href={consolePath(slug, "/invoices")}>
						<Icon icon={ArrowLeft} size={16} />
						{t("console.invoice.back")}
					</a>
				}
				title={t("console.invoiceForm.title")}
				description={origin}
			/>
			<ErrorSummary problems={problems} />
			{source.job?.existingInvoiceIds.length ? (
				<div class="notice est-notice-warning" role="status">
					<p>
						{t("console.invoiceForm.existing", { count: source.job.existingInvoiceIds.length })}{" "}
						<a href={consolePath(slug, invoiceRoute(source.job.existingInvoiceIds[0] ?? ""))}>
							{t("console.invoiceForm.existingLink")}
						</a>
					</p>
				</div>
			) : null}
			<div class="est-form-layout">
				<div class="est-form-main">
					<Card as="section" padding="lg" aria-labelledby={`${id}-who`}>
						<h2 id={`${id}-who`} class="card-title">
							{t("console.invoiceForm.customer")}
						</h2>
						{directory.state.status === "error" ? (
							<ErrorState
								title={t("console.invoiceForm.customersFailed")}
								message={directory.state.message}
								onRetry={() => void directory.reload()}
								headingLevel={3}
							/>
						) : null}
						<div class="est-form-grid">
							<SelectField
								id={`${id}-accountId`}
								label={t("console.invoiceForm.account")}
								value={draft.accountId}
								disabled={form.submitting || fromWork || directory.state.status !== "ready"}
								onChange={(e) =>
									setDraft({ ...draft, accountId: e.currentTarget.value, contactId: "", locationId: "" })
								}
								error={form.errors.accountId}
							>
								<option value="">
									{directory.state.status === "ready"
										? t("console.invoiceForm.chooseAccount")
										: t("console.invoiceForm.loadingOption")}
								</option>
								{accounts.map((a) => (
									<option key={a.id} value={a.id}>
										{a.name}
									</option>
								))}
							</SelectField>
							<SelectField
								id={`${id}-contactId`}
								label={t("console.invoiceForm.contact")}
								value={draft.contactId}
								disabled={form.submitting || !account}
								onChange={(e) => setDraft({ ...draft, contactId: e.currentTarget.value })}
								error={form.errors.contactId}
							>
								<option value="">{t("console.invoiceForm.everyContact")}</option>
								{account?.contacts.map((c) => (
									<option key={c.id} value={c.id}>
										{c.name} — {c.email}
									</option>
								))}
							</SelectField>
							<SelectField
								id={`${id}-locationId`}
								label={t("console.invoiceForm.location")}
								value={draft.locationId}
								disabled={form.submitting || !account || account.locations.length === 0}
								onChange={(e) => setDraft({ ...draft, locationId: e.currentTarget.value })}
								error={form.errors.locationId}
							>
								<option value="">
									{account?.locations.length
										? t("console.invoiceForm.anyLocation")
										: t("console.invoiceForm.noLocations")}
								</option>
								{account?.locations.map((l) => (
									<option key={l.id} value={l.id}>
										{l.name} — {l.line1}, {l.city}
									</option>
								))}
							</SelectField>
						</div>
						<p class="field-hint">{t("console.invoiceForm.whoHint")}</p>
					</Card>
					<Card as="section" padding="lg" aria-labelledby={`${id}-lines`}>
						<h2 id={`${id}-lines`} class="card-title">
							{t("console.invoiceForm.lines")}
						</h2>
						<LineEditor
							idPrefix={id}
							lines={draft.lines}
							currency={currency}
							digits={digits}
							errors={form.errors}
							readOnly={form.submitting}
							onChange={(lines) => setDraft({ ...draft, lines })}
						/>
					</Card>
					<Card as="section" padding="lg" aria-labelledby={`${id}-terms`}>
						<h2 id={`${id}-terms`} class="card-title">
							{t("console.invoiceForm.termsHeading")}
						</h2>
						<TextField
							id={`${id}-dueAt`}
							label={t("console.invoiceForm.dueAt")}
							hint={t("console.invoiceForm.dueAtHint")}
							type="date"
							readOnly={form.submitting}
							value={draft.dueAt}
							onInput={(e) => setDraft({ ...draft, dueAt: e.currentTarget.value })}
							error={form.errors.dueAt}
						/>
						<TextAreaField
							id={`${id}-terms`}
							label={t("console.invoiceForm.terms")}
							rows={3}
							maxLength={4000}
							readOnly={form.submitting}
							value={draft.terms}
							onInput={(e) => setDraft({ ...draft, terms: e.currentTarget.value })}
							error={form.errors.terms}
						/>
						<TextAreaField
							id={`${id}-notes`}
							label={t("console.invoiceForm.notes")}
							rows={3}
							maxLength={2000}
							readOnly={form.submitting}
							value={draft.notes}
							onInput={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
							error={form.errors.notes}
						/>
					</Card>
				</div>
				<aside class="est-form-side">
					<Card as="section" padding="lg" class="est-form-summary" aria-labelledby={`${id}-summary`}>
						<h2 id={`${id}-summary`} class="card-title">
							{t("console.invoiceForm.summary")}
						</h2>
						<div class="est-form-grid est-form-grid-2">
							<TextField
								id={`${id}-discountMinor`}
								label={t("console.invoiceForm.discount", { currency })}
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
								label={t("console.invoiceForm.taxRate")}
								hint={draft.taxRate ? undefined : t("console.invoiceForm.taxRateHint")}
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
							live
							label={t("console.invoiceForm.totalsLabel")}
							settlement={{ depositAppliedMinor: draft.depositAppliedMinor, paidMinor: 0, balanceMinor }}
						/>
						<p class="est-form-note">{t("console.invoiceForm.totalsNote")}</p>
						<FormError message={form.formError} />
						<p class="notice-live" role="status">
							{form.submitting ? t("console.invoiceForm.saving") : ""}
						</p>
						<div class="est-form-actions">
							<Button type="submit" icon={Send} wide disabled={form.submitting}>
								{t("console.invoiceForm.saveShare")}
							</Button>
							<Button
								variant="secondary"
								icon={Save}
								wide
								disabled={form.submitting}
								onClick={() => void save(false)}
							>
								{t("console.invoiceForm.saveDraft")}
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
		<SkeletonBlock label={t("console.invoiceForm.loading")}>
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

type Start = { jobId: string; estimateId: string; accountId: string };

/** The form once what it starts from has loaded: `?job=` (a completed job), `?estimate=`, `?account=`. */
function NewInvoice(props: ConsoleContext & Start) {
	const job = useResource<InvoiceDraftFromJob>(
		props.jobId ? draftFromJobPath(props.slug, props.jobId) : null,
	);
	const estimate = useResource<StaffEstimate>(
		props.estimateId && !props.jobId ? staffEstimatePath(props.slug, props.estimateId) : null,
	);
	const pending = props.jobId ? job.state : props.estimateId ? estimate.state : null;
	if (pending && (pending.status === "error" || pending.status === "not_found"))
		return (
			<ErrorState
				title={props.jobId ? t("console.invoiceForm.jobFailed") : t("console.invoiceForm.estimateFailed")}
				message={pending.status === "error" ? pending.message : t("console.invoiceForm.gone")}
				onRetry={() => void (props.jobId ? job.reload() : estimate.reload())}
				headingLevel={1}
			>
				<Button variant="ghost" href={consolePath(props.slug, "/invoices/new")}>
					{t("console.invoiceForm.startBlank")}
				</Button>
			</ErrorState>
		);
	if (pending && pending.status !== "ready") return <FormSkeleton />;
	const source: Source = {
		job: job.state.status === "ready" ? job.state.data : undefined,
		estimate: estimate.state.status === "ready" ? estimate.state.data : undefined,
		accountId: props.accountId,
	};
	return <InvoiceForm {...props} source={source} />;
}

/** `/d/:slug/invoices/new?job=&estimate=&account=`: a new invoice. */
export function NewInvoicePage({ slug, branding, query = {} }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title={t("console.invoiceForm.title")}>
			{(context) => (
				<NewInvoice
					{...context}
					jobId={query.job ?? ""}
					estimateId={query.estimate ?? ""}
					accountId={query.account ?? ""}
				/>
			)}
		</ConsolePage>
	);
}

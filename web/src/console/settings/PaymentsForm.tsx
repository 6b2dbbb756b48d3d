import { useId, useState } from "preact/hooks";
import { type OnlinePaymentMethod, onlinePaymentMethods } from "../../../../schema/invoice-values";
import { Field, TextAreaField, TextField } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { FormFooter } from "../FormFooter";
import { currencyDigits, moneyText, parseMoneyMinor } from "../lines/lineDraft";
import type { TenantSettingsView } from "./settingsTypes";

const FIELDS = [
	"methods",
	"allowPartial",
	"minPartialMinor",
	"allowDeposits",
	"depositPercent",
	"invoiceDueDays",
	"invoiceTermsDefault",
	"stripeAccountId",
] as const;
type PaymentsField = (typeof FIELDS)[number];

/** `payments.depositPercent` and `depositPercent` both belong to the percent field. */
const fieldFor = (issue: string): PaymentsField | undefined =>
	FIELDS.find((f) => f === issue.replace(/^payments\./, ""));

type Props = { slug: string; settings: TenantSettingsView; onSaved: (s: TenantSettingsView) => void };

/**
 * How customers pay invoices in the portal: which methods, whether partial payments and deposits
 * are allowed, the default due days and terms, and the Stripe Connect account payments go to.
 */
/** The form's fields as the stored settings fill them. */
function formValues(settings: TenantSettingsView, digits: number) {
	const p = settings.payments;
	return {
		methods: p.methods,
		allowPartial: p.allowPartial,
		minPartial: moneyText(p.minPartialMinor, digits),
		allowDeposits: p.allowDeposits,
		depositPercent: String(p.depositPercent),
		invoiceDueDays: String(settings.invoiceDueDays),
		invoiceTermsDefault: settings.invoiceTermsDefault ?? "",
		stripeAccountId: p.stripeAccountId ?? "",
	};
}

export function PaymentsForm({ slug, settings, onSaved }: Props) {
	const id = useId();
	const digits = currencyDigits(settings.currency);
	const [values, setValues] = useState(() => formValues(settings, digits));
	const [saved, setSaved] = useState(false);
	const form = useApiForm<PaymentsField>(fieldFor);

	const toggleMethod = (method: OnlinePaymentMethod, on: boolean) =>
		setValues({
			...values,
			methods: onlinePaymentMethods.filter((m) => (m === method ? on : values.methods.includes(m))),
		});

	async function save(event: Event) {
		event.preventDefault();
		setSaved(false);
		const percent = Number(values.depositPercent);
		const days = Number(values.invoiceDueDays);
		const minPartialMinor = parseMoneyMinor(values.minPartial, digits);
		const problems: Partial<Record<PaymentsField, string>> = {};
		if (!values.methods.length) problems.methods = t("console.paymentsSettings.problem.methods");
		if (!Number.isInteger(percent) || percent < 1 || percent > 100)
			problems.depositPercent = t("console.paymentsSettings.problem.percent");
		if (!Number.isInteger(days) || days < 0 || days > 365)
			problems.invoiceDueDays = t("console.paymentsSettings.problem.days");
		if (minPartialMinor === null) problems.minPartialMinor = t("console.paymentsSettings.problem.minPartial");
		if (Object.keys(problems).length || minPartialMinor === null) return form.showErrors(problems);
		await form.submit(async () => {
			const next = await sendJson<TenantSettingsView>(slug, "/settings", "PATCH", {
				payments: {
					methods: values.methods,
					allowPartial: values.allowPartial,
					minPartialMinor,
					allowDeposits: values.allowDeposits,
					depositPercent: percent,
					stripeAccountId: values.stripeAccountId.trim() || null,
				},
				invoiceDueDays: days,
				invoiceTermsDefault: values.invoiceTermsDefault.trim() || null,
			});
			// The form stays mounted (so its "saved" stays in view) and shows what the server kept.
			setValues(formValues(next, digits));
			onSaved(next);
			setSaved(true);
		});
	}

	const check = (checked: boolean, label: string, onChange: (on: boolean) => void, error?: string) => (
		<>
			<label class="check">
				<input
					type="checkbox"
					checked={checked}
					disabled={form.submitting}
					onChange={(e) => onChange(e.currentTarget.checked)}
				/>
				{label}
			</label>
			{error ? <p class="field-error">{error}</p> : null}
		</>
	);

	return (
		<form ref={form.formRef} class="panel" noValidate onSubmit={save} aria-labelledby={`${id}-h`}>
			<h2 id={`${id}-h`}>{t("console.paymentsSettings.heading")}</h2>
			<p class="panel-intro">{t("console.paymentsSettings.intro")}</p>
			<fieldset
				class="booking-section"
				aria-describedby={form.errors.methods ? `${id}-methods-error` : undefined}
			>
				<legend>{t("console.paymentsSettings.methods")}</legend>
				{onlinePaymentMethods.map((m) => (
					<label key={m} class="check">
						<input
							type="checkbox"
							checked={values.methods.includes(m)}
							disabled={form.submitting}
							onChange={(e) => toggleMethod(m, e.currentTarget.checked)}
						/>
						{t("invoice.method", { method: m })}
					</label>
				))}
				{form.errors.methods ? (
					<p id={`${id}-methods-error`} class="field-error">
						{form.errors.methods}
					</p>
				) : null}
			</fieldset>
			{check(
				values.allowPartial,
				t("console.paymentsSettings.allowPartial"),
				(on) => setValues({ ...values, allowPartial: on }),
				form.errors.allowPartial,
			)}
			{values.allowPartial ? (
				<TextField
					id={`${id}-minPartial`}
					label={t("console.paymentsSettings.minPartial", { currency: settings.currency })}
					type="text"
					inputMode="decimal"
					autocomplete="off"
					readOnly={form.submitting}
					value={values.minPartial}
					onInput={(e) => setValues({ ...values, minPartial: e.currentTarget.value })}
					error={form.errors.minPartialMinor}
				/>
			) : null}
			{check(
				values.allowDeposits,
				t("console.paymentsSettings.allowDeposits"),
				(on) => setValues({ ...values, allowDeposits: on }),
				form.errors.allowDeposits,
			)}
			{values.allowDeposits ? (
				<Field
					id={`${id}-percent`}
					label={t("console.paymentsSettings.depositPercent")}
					hint={t("console.paymentsSettings.depositPercentHint")}
					error={form.errors.depositPercent}
				>
					{(control) => (
						<input
							{...control}
							class="field-input"
							type="number"
							min={1}
							max={100}
							step={1}
							inputMode="numeric"
							readOnly={form.submitting}
							value={values.depositPercent}
							onInput={(e) => setValues({ ...values, depositPercent: e.currentTarget.value })}
						/>
					)}
				</Field>
			) : null}
			<Field
				id={`${id}-days`}
				label={t("console.paymentsSettings.dueDays")}
				hint={t("console.paymentsSettings.dueDaysHint")}
				error={form.errors.invoiceDueDays}
			>
				{(control) => (
					<input
						{...control}
						class="field-input"
						type="number"
						min={0}
						max={365}
						step={1}
						inputMode="numeric"
						readOnly={form.submitting}
						value={values.invoiceDueDays}
						onInput={(e) => setValues({ ...values, invoiceDueDays: e.currentTarget.value })}
					/>
				)}
			</Field>
			<TextAreaField
				id={`${id}-terms`}
				label={t("console.paymentsSettings.terms")}
				rows={3}
				maxLength={4000}
				readOnly={form.submitting}
				value={values.invoiceTermsDefault}
				onInput={(e) => setValues({ ...values, invoiceTermsDefault: e.currentTarget.value })}
				error={form.errors.invoiceTermsDefault}
			/>
			<TextField
				id={`${id}-stripe`}
				label={t("console.paymentsSettings.stripe")}
				hint={t("console.paymentsSettings.stripeHint")}
				type="text"
				autocomplete="off"
				placeholder="acct_…"
				readOnly={form.submitting}
				value={values.stripeAccountId}
				onInput={(e) => setValues({ ...values, stripeAccountId: e.currentTarget.value })}
				error={form.errors.stripeAccountId}
			/>
			<FormFooter
				error={form.formError}
				submitting={form.submitting}
				label={t("console.paymentsSettings.save")}
				status={saved ? t("console.paymentsSettings.saved") : ""}
			/>
		</form>
	);
}

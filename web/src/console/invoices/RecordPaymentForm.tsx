import type { TargetedSubmitEvent } from "preact";
import { useId, useState } from "preact/hooks";
import { ApiError } from "../../shared/api";
import { FormError, SelectField, TextField } from "../../shared/fields";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import {
	type OfflinePaymentMethod,
	offlinePaymentMethods,
	type StaffInvoice,
} from "../../shared/invoices/invoiceTypes";
import { Button } from "../../shared/ui/Button";
import { useApiForm } from "../../shared/useApiForm";
import { currencyDigits, moneyText, parseMoneyMinor } from "../lines/lineDraft";
import { recordPayment } from "./invoiceApi";

const FIELDS = ["amountMinor", "method", "reference", "receivedOn"] as const;
type Field = (typeof FIELDS)[number];

type Props = {
	slug: string;
	invoice: StaffInvoice;
	/** Today in the tenant's zone, "YYYY-MM-DD": the default day and the latest allowed. */
	today: string;
	onRecorded: (invoice: StaffInvoice) => void;
	onCancel: () => void;
};

/**
 * Money received outside the portal (a cheque, a transfer): amount, method, reference and day.
 * An amount over the balance comes back 422 and is shown beside the amount.
 */
export function RecordPaymentForm({ slug, invoice, today, onRecorded, onCancel }: Props) {
	const id = useId();
	const digits = currencyDigits(invoice.currency);
	const [values, setValues] = useState({
		amount: moneyText(invoice.balanceMinor, digits),
		method: "cheque" as OfflinePaymentMethod,
		reference: "",
		receivedOn: today,
	});
	// The 422 over the balance names no field: it belongs to the amount.
	const form = useApiForm<Field>(
		(issue) =>
			FIELDS.find((f) => f === issue) ?? (issue === "" || issue === "amount" ? "amountMinor" : undefined),
	);

	async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		const amountMinor = parseMoneyMinor(values.amount, digits);
		const problems: Partial<Record<Field, string>> = {};
		if (amountMinor === null || amountMinor <= 0) problems.amountMinor = t("console.payment.problem.amount");
		else if (amountMinor > invoice.balanceMinor)
			problems.amountMinor = t("console.payment.problem.overBalance", {
				balance: formatMoney(invoice.balanceMinor, invoice.currency),
			});
		if (!values.reference.trim()) problems.reference = t("console.payment.problem.reference");
		if (Object.keys(problems).length || amountMinor === null) return form.showErrors(problems);
		await form.submit(
			async () =>
				onRecorded(
					await recordPayment(slug, invoice.id, {
						amountMinor,
						method: values.method,
						reference: values.reference.trim(),
						receivedOn: values.receivedOn || undefined,
					}),
				),
			(err) => {
				// 422 over the balance: beside the amount, whatever the envelope names.
				if (!(err instanceof ApiError && err.status === 422)) return false;
				form.showErrors({ amountMinor: err.message });
				return true;
			},
		);
	}

	return (
		<form ref={form.formRef} class="inv-action-form" noValidate onSubmit={submit} aria-labelledby={`${id}-h`}>
			<h2 id={`${id}-h`} class="card-title">
				{t("console.payment.heading")}
			</h2>
			<p class="muted">
				{t("console.payment.balance", { balance: formatMoney(invoice.balanceMinor, invoice.currency) })}
			</p>
			<div class="est-form-grid est-form-grid-2">
				<TextField
					id={`${id}-amount`}
					label={t("console.payment.amount", { currency: invoice.currency })}
					type="text"
					inputMode="decimal"
					autocomplete="off"
					readOnly={form.submitting}
					value={values.amount}
					onInput={(e) => setValues({ ...values, amount: e.currentTarget.value })}
					error={form.errors.amountMinor}
				/>
				<SelectField
					id={`${id}-method`}
					label={t("console.payment.method")}
					value={values.method}
					disabled={form.submitting}
					onChange={(e) =>
						setValues({
							...values,
							method: offlinePaymentMethods.find((m) => m === e.currentTarget.value) ?? values.method,
						})
					}
					error={form.errors.method}
				>
					{offlinePaymentMethods.map((m) => (
						<option key={m} value={m}>
							{t("invoice.method", { method: m })}
						</option>
					))}
				</SelectField>
				<TextField
					id={`${id}-reference`}
					label={t("console.payment.reference")}
					hint={t("console.payment.referenceHint")}
					type="text"
					maxLength={200}
					readOnly={form.submitting}
					value={values.reference}
					onInput={(e) => setValues({ ...values, reference: e.currentTarget.value })}
					error={form.errors.reference}
				/>
				<TextField
					id={`${id}-receivedOn`}
					label={t("console.payment.receivedOn")}
					type="date"
					max={today}
					readOnly={form.submitting}
					value={values.receivedOn}
					onInput={(e) => setValues({ ...values, receivedOn: e.currentTarget.value })}
					error={form.errors.receivedOn}
				/>
			</div>
			<FormError message={form.formError} />
			<div class="inv-action-buttons">
				<Button type="submit" disabled={form.submitting}>
					{form.submitting ? t("console.payment.recording") : t("console.payment.submit")}
				</Button>
				<Button variant="ghost" disabled={form.submitting} onClick={onCancel}>
					{t("action.cancel")}
				</Button>
			</div>
		</form>
	);
}

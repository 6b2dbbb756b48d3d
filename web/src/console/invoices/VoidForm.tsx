import type { TargetedSubmitEvent } from "preact";
import { useId, useState } from "preact/hooks";
import { FormError, TextAreaField } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
import type { StaffInvoice } from "../../shared/invoices/invoiceTypes";
import { Button } from "../../shared/ui/Button";
import { useApiForm } from "../../shared/useApiForm";
import { voidInvoice } from "./invoiceApi";

type Props = {
	slug: string;
	invoice: StaffInvoice;
	onVoided: (invoice: StaffInvoice) => void;
	onCancel: () => void;
};

/** Voiding takes a reason, which the invoice keeps and the customer sees. */
export function VoidForm({ slug, invoice, onVoided, onCancel }: Props) {
	const id = useId();
	const [reason, setReason] = useState("");
	const form = useApiForm<"reason">((issue) => (issue === "reason" ? "reason" : undefined));

	async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		if (!reason.trim()) return form.showErrors({ reason: t("console.void.problem") });
		await form.submit(async () => onVoided(await voidInvoice(slug, invoice.id, reason.trim())));
	}

	return (
		<form ref={form.formRef} class="inv-action-form" noValidate onSubmit={submit} aria-labelledby={`${id}-h`}>
			<h2 id={`${id}-h`} class="card-title">
				{t("console.void.heading", { number: invoice.number })}
			</h2>
			<p class="muted">{t("console.void.hint")}</p>
			<TextAreaField
				id={`${id}-reason`}
				label={t("console.void.reason")}
				rows={3}
				maxLength={1000}
				readOnly={form.submitting}
				value={reason}
				onInput={(e) => setReason(e.currentTarget.value)}
				error={form.errors.reason}
			/>
			<FormError message={form.formError} />
			<div class="inv-action-buttons">
				<Button type="submit" variant="danger" disabled={form.submitting}>
					{form.submitting ? t("console.void.voiding") : t("console.void.submit")}
				</Button>
				<Button variant="ghost" disabled={form.submitting} onClick={onCancel}>
					{t("action.cancel")}
				</Button>
			</div>
		</form>
	);
}

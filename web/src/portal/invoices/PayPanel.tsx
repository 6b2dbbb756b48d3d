import { CreditCard, Lock } from "lucide";
import { useId, useRef, useState } from "preact/hooks";
import { ApiError } from "../../shared/api";
import type { Me } from "../../shared/auth/session";
import { FormError, TextField } from "../../shared/fields";
import { errorText } from "../../shared/i18n/errors";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import type { CustomerInvoice } from "../../shared/invoices/invoiceTypes";
import { currencyDigits, parseMoneyMinor } from "../../shared/money";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { Icon } from "../../shared/ui/Icon";
import { startCheckout } from "./invoiceApi";

type Props = { slug: string; invoice: CustomerInvoice; me: Me; tenantName: string };

/** Which amount: the whole balance, the deposit, or one the customer types. */
type Choice = "full" | "deposit" | "other";

/**
 * The pay buttons, each showing the exact amount before leaving for the provider's page. One
 * Idempotency-Key per intent (this invoice, this amount): a double tap or a retry sends the same
 * key, so the server opens one checkout.
 */
export function PayPanel({ slug, invoice, me, tenantName }: Props) {
	const id = useId();
	const options = invoice.payOptions;
	const digits = currencyDigits(invoice.currency);
	const money = (minor: number) => formatMoney(minor, invoice.currency);
	const [choice, setChoice] = useState<Choice | null>(null);
	const [typed, setTyped] = useState("");
	const [amountError, setAmountError] = useState<string>();
	const [formError, setFormError] = useState<string>();
	const [leaving, setLeaving] = useState(false);
	const busy = useRef(false);
	const intent = useRef<{ amount: number; key: string } | null>(null);

	if (invoice.balanceMinor <= 0 || invoice.status === "void") return null;
	if (!options.canPay)
		return (
			<Card as="section" padding="lg" class="pay-panel" aria-labelledby={`${id}-h`}>
				<h2 id={`${id}-h`} class="card-title">
					<Icon icon={Lock} size={18} /> {t("portal.pay.heading")}
				</h2>
				<p>
					{me.role === "viewer"
						? t("portal.pay.viewer", { tenant: tenantName })
						: t("portal.pay.unavailable")}
				</p>
			</Card>
		);

	const partial = options.partial;
	const typedMinor = parseMoneyMinor(typed, digits);

	function keyFor(amount: number): string {
		if (intent.current?.amount !== amount) intent.current = { amount, key: crypto.randomUUID() };
		return intent.current.key;
	}

	async function pay(which: Choice) {
		setChoice(which);
		setFormError(undefined);
		setAmountError(undefined);
		let amount: number | undefined;
		if (which === "deposit") amount = options.deposit;
		if (which === "other") {
			if (!partial) return;
			if (typedMinor === null || typedMinor < partial.minMinor || typedMinor > partial.maxMinor) {
				setAmountError(t("portal.pay.range", { min: money(partial.minMinor), max: money(partial.maxMinor) }));
				document.getElementById(`${id}-amount`)?.focus();
				return;
			}
			amount = typedMinor;
		}
		if (busy.current) return;
		busy.current = true;
		setLeaving(true);
		try {
			const answer = await startCheckout(slug, invoice.id, amount, keyFor(amount ?? options.full));
			location.assign(answer.url);
		} catch (err) {
			busy.current = false;
			setLeaving(false);
			if (err instanceof ApiError && err.status === 422 && which === "other") setAmountError(err.message);
			else if (err instanceof ApiError && err.code === "in_flight") setFormError(t("portal.pay.inFlight"));
			else setFormError(errorText(err));
		}
	}

	return (
		<Card as="section" padding="lg" class="pay-panel" aria-labelledby={`${id}-h`}>
			<h2 id={`${id}-h`} class="card-title">
				<Icon icon={CreditCard} size={18} /> {t("portal.pay.heading")}
			</h2>
			<p class="muted">{t("portal.pay.intro", { methods: options.methods.length })}</p>
			<div class="pay-buttons">
				<Button icon={CreditCard} wide disabled={leaving} onClick={() => void pay("full")}>
					{leaving && choice === "full"
						? t("portal.pay.leaving")
						: t("portal.pay.full", { amount: money(options.full) })}
				</Button>
				{options.deposit ? (
					<Button variant="secondary" wide disabled={leaving} onClick={() => void pay("deposit")}>
						{leaving && choice === "deposit"
							? t("portal.pay.leaving")
							: t("portal.pay.deposit", { amount: money(options.deposit) })}
					</Button>
				) : null}
				{partial && choice !== "other" ? (
					<Button variant="ghost" wide disabled={leaving} onClick={() => setChoice("other")}>
						{t("portal.pay.other")}
					</Button>
				) : null}
			</div>
			{partial && choice === "other" ? (
				<form
					class="pay-other"
					noValidate
					onSubmit={(e) => {
						e.preventDefault();
						void pay("other");
					}}
				>
					<TextField
						id={`${id}-amount`}
						label={t("portal.pay.amount", { currency: invoice.currency })}
						hint={t("portal.pay.range", { min: money(partial.minMinor), max: money(partial.maxMinor) })}
						type="text"
						inputMode="decimal"
						autocomplete="off"
						readOnly={leaving}
						value={typed}
						onInput={(e) => {
							setTyped(e.currentTarget.value);
							setAmountError(undefined);
						}}
						error={amountError}
					/>
					<Button type="submit" variant="secondary" wide disabled={leaving}>
						{leaving
							? t("portal.pay.leaving")
							: typedMinor
								? t("portal.pay.full", { amount: money(typedMinor) })
								: t("portal.pay.typeAmount")}
					</Button>
				</form>
			) : null}
			<FormError message={formError} />
			<p class="pay-secure muted">
				<Icon icon={Lock} size={14} />
				<span>{t("portal.pay.secure")}</span>
			</p>
		</Card>
	);
}

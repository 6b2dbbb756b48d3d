import type { PayOptions } from "../../contracts/invoices";
import type { PaymentSettings } from "../tenant/tenant-settings";
import { balanceMinor, type InvoiceFacts, invoiceStatus, isPayable } from "./status";

/** `percent` % of `minor`, rounded half-up to the minor unit. */
const percentOf = (minor: number, percent: number) => Math.floor((minor * percent + 50) / 100);

/**
 * What the reader may pay now, from the tenant's settings and their role: the whole balance;
 * the deposit (`depositPercent` of the total) on an invoice of an estimate when deposits are
 * allowed and nothing was paid yet; any amount from `minPartialMinor` up to the balance when
 * partial payments are allowed. Nothing for viewers, void, draft or paid invoices.
 */
export function payOptionsOf(
	invoice: InvoiceFacts & { estimateId: string | null },
	settings: PaymentSettings,
	canPayRole: boolean,
	today: string,
): PayOptions {
	const full = balanceMinor(invoice);
	const methods = settings.methods;
	const canPay = canPayRole && methods.length > 0 && full > 0 && isPayable(invoiceStatus(invoice, today));
	const options: PayOptions = { canPay, full, methods };
	if (!canPay) return options;
	const nothingPaid = invoice.paidMinor + invoice.depositAppliedMinor === 0;
	if (settings.allowDeposits && invoice.estimateId && nothingPaid) {
		const deposit = percentOf(invoice.totalMinor, settings.depositPercent);
		if (deposit > 0 && deposit < full) options.deposit = deposit;
	}
	if (settings.allowPartial && full > settings.minPartialMinor) {
		options.partial = { minMinor: settings.minPartialMinor, maxMinor: full };
	}
	return options;
}

/** Whether `amountMinor` is one the options allow: the whole balance, the deposit, or a partial in range. */
export function isAllowedAmount(options: PayOptions, amountMinor: number): boolean {
	if (!options.canPay) return false;
	if (amountMinor === options.full || amountMinor === options.deposit) return true;
	const partial = options.partial;
	return partial !== undefined && amountMinor >= partial.minMinor && amountMinor <= partial.maxMinor;
}

import { and, eq, isNull } from "drizzle-orm";
import { contacts } from "../../../schema/tables/accounts";
import { invoices } from "../../../schema/tables/invoices";
import { staff } from "../../../schema/tables/staff";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { emailBrandingOf } from "../../email/branding";
import { invoicePaidEmail, paymentReceiptEmail } from "../../email/templates/payment-received";
import type { SendEmail } from "../../email/types";
import { formatMoney } from "../format";
import { balanceMinor } from "../invoices/status";
import { toTenant } from "../tenant/tenant";
import type { ReceivedPayment } from "./payment-events";

/**
 * Mails a payment the webhook just recorded: the payer's receipt (always: it is the record of
 * their money, whatever their notification settings) and a notice to every active dispatcher and
 * admin who has not turned payment emails off (`/api/d/:slug/me/preferences`). Each email's idempotency key is the payment's, so a retried send delivers once.
 */
export async function sendPaymentNotices(
	deps: { db: Db; sendEmail: SendEmail; origin: string },
	p: ReceivedPayment,
): Promise<void> {
	const { db, sendEmail, origin } = deps;
	const [row, team] = await Promise.all([
		db
			.select({ tenant: tenants, invoice: invoices, contact: contacts })
			.from(invoices)
			.innerJoin(tenants, eq(tenants.id, invoices.tenantId))
			.leftJoin(contacts, and(eq(contacts.tenantId, invoices.tenantId), eq(contacts.id, p.contactId)))
			.where(and(eq(invoices.tenantId, p.tenantId), eq(invoices.id, p.invoiceId)))
			.get(),
		db
			.select({ id: staff.id, email: staff.email, locale: staff.locale, notifyPrefs: staff.notifyPrefs })
			.from(staff)
			.where(and(eq(staff.tenantId, p.tenantId), isNull(staff.disabledAt))),
	]);
	if (!row) return;
	const tenant = toTenant(row.tenant);
	const { invoice, contact } = row;
	const balance = balanceMinor(invoice);
	const facts = (locale: typeof tenant.settings.defaultLocale, link: string) => ({
		...emailBrandingOf(tenant, origin),
		locale,
		number: invoice.number,
		amount: formatMoney(p.amountMinor, p.currency, locale),
		balance: formatMoney(balance, invoice.currency, locale),
		paidOn: new Intl.DateTimeFormat(locale, { timeZone: tenant.timezone, dateStyle: "long" }).format(
			p.receivedAt,
		),
		reference: p.providerRef,
		link,
	});
	if (contact) {
		const locale = contact.locale ?? tenant.settings.defaultLocale;
		await sendEmail({
			tenantId: tenant.id,
			to: contact.email,
			...paymentReceiptEmail(facts(locale, `${origin}/c/${tenant.slug}/invoices/${invoice.id}`)),
			idempotencyKey: `payment-receipt/${p.paymentId}`,
		});
	}
	// Payments are the one customer action dispatchers hear of unless they turned it off.
	for (const member of team.filter((m) => m.notifyPrefs.payment !== false)) {
		const locale = member.locale ?? tenant.settings.defaultLocale;
		await sendEmail({
			tenantId: tenant.id,
			to: member.email,
			...invoicePaidEmail({
				...facts(locale, `${origin}/d/${tenant.slug}/invoices/${invoice.id}`),
				payer: contact?.name ?? "A customer",
				paidInFull: balance === 0,
			}),
			idempotencyKey: `invoice-paid/${p.paymentId}/${member.id}`,
		});
	}
}

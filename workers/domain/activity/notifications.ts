import type { z } from "@hono/zod-openapi";
import type { JobDetailSchema } from "../../contracts/customer";
import { emailBrandingOf } from "../../email/branding";
import { bookingConfirmationEmail } from "../../email/templates/booking-confirmation";
import { estimateSharedEmail } from "../../email/templates/estimate-shared";
import { invoiceSharedEmail } from "../../email/templates/invoice-shared";
import type { SendEmail } from "../../email/types";
import type { AccountContact } from "../estimates/recipients";
import { formatCalendarDay, formatMoney, formatWindow } from "../format";
import type { Me } from "../sign-in/audiences";
import type { Tenant } from "../tenant/tenant";

/** Emails the booker what was booked, in their language, with a deep link to the job; `origin` is the app's. */
export async function sendBookingConfirmation(
	sendEmail: SendEmail,
	origin: string,
	tenant: Tenant,
	booker: Me,
	job: z.infer<typeof JobDetailSchema>,
): Promise<void> {
	const locale = booker.locale ?? tenant.settings.defaultLocale;
	const message = bookingConfirmationEmail({
		...emailBrandingOf(tenant, origin),
		locale,
		jobNumber: job.number,
		kind: job.kind,
		when: formatWindow(
			job.windowStart ? Date.parse(job.windowStart) : null,
			job.windowEnd ? Date.parse(job.windowEnd) : null,
			tenant.timezone,
			locale,
		),
		stops: job.stops.map((s) => ({
			kind: s.kind,
			address: [s.line1, s.line2, s.city].filter(Boolean).join(", "),
		})),
		reference: job.reference,
		link: `${origin}/c/${tenant.slug}/jobs/${job.id}`,
	});
	await sendEmail({
		tenantId: tenant.id,
		to: booker.email,
		...message,
		idempotencyKey: `booking-confirmation/${job.id}`,
	});
}

/**
 * Emails each recipient of a shared estimate (`shareRecipients`) in their language, with a deep
 * link straight to it in the portal; contacts who turned estimate emails off get none.
 */
export async function sendEstimateShared(
	sendEmail: SendEmail,
	origin: string,
	tenant: Tenant,
	estimate: {
		id: string;
		number: number;
		version: number;
		title: string;
		totalMinor: number;
		currency: string;
		expiresAt: string | null;
		sentAt: string | null;
	},
	recipients: ReadonlyArray<Pick<AccountContact, "id" | "email" | "locale" | "notifyPrefs">>,
): Promise<void> {
	for (const to of recipients) {
		if (to.notifyPrefs.estimate === false) continue;
		const locale = to.locale ?? tenant.settings.defaultLocale;
		const expires = estimate.expiresAt
			? new Intl.DateTimeFormat(locale, { timeZone: tenant.timezone, dateStyle: "long" }).format(
					Date.parse(estimate.expiresAt) - 1,
				)
			: null;
		const message = estimateSharedEmail({
			...emailBrandingOf(tenant, origin),
			locale,
			number: estimate.number,
			version: estimate.version,
			title: estimate.title,
			total: formatMoney(estimate.totalMinor, estimate.currency, locale),
			expires,
			link: `${origin}/c/${tenant.slug}/estimates/${estimate.id}`,
		});
		await sendEmail({
			tenantId: tenant.id,
			to: to.email,
			...message,
			idempotencyKey: `estimate-shared/${estimate.id}/${estimate.version}/${estimate.sentAt ?? ""}/${to.id}`,
		});
	}
}

/**
 * Emails each recipient of a shared invoice in their language: the balance, the due date and a
 * deep link straight to it in the portal; contacts who turned invoice emails off get none.
 */
export async function sendInvoiceShared(
	sendEmail: SendEmail,
	origin: string,
	tenant: Tenant,
	invoice: {
		id: string;
		number: number;
		balanceMinor: number;
		currency: string;
		dueAt: string;
		sharedAt: string | null;
	},
	recipients: ReadonlyArray<Pick<AccountContact, "id" | "email" | "locale" | "notifyPrefs">>,
): Promise<void> {
	for (const to of recipients) {
		if (to.notifyPrefs.invoice === false) continue;
		const locale = to.locale ?? tenant.settings.defaultLocale;
		const message = invoiceSharedEmail({
			...emailBrandingOf(tenant, origin),
			locale,
			number: invoice.number,
			balance: formatMoney(invoice.balanceMinor, invoice.currency, locale),
			due: formatCalendarDay(invoice.dueAt, locale),
			link: `${origin}/c/${tenant.slug}/invoices/${invoice.id}`,
		});
		await sendEmail({
			tenantId: tenant.id,
			to: to.email,
			...message,
			idempotencyKey: `invoice-shared/${invoice.id}/${invoice.sharedAt ?? ""}/${to.id}`,
		});
	}
}

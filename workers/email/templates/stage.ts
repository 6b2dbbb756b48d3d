import type { NotificationKind } from "../../../schema/tables/notifications";
import { emailText } from "../messages";
import { type EmailBranding, type EmailDetail, type RenderedEmail, renderDetailsEmail } from "./layout";

export type StageEmailInput = EmailBranding & {
	kind: NotificationKind;
	job: number | null;
	reference: string | null;
	when: string | null;
	technician: string | null;
	technicianPhotoUrl: string | null;
	message: string | null;
	minutes: number | null;
	/** Where the job goes, for the booked email. */
	stops: Array<{ kind: "pickup" | "dropoff" | "service"; address: string }>;
	/** Invoice or estimate number, for those kinds. */
	number: number | null;
	amount: string | null;
	due: string | null;
	/** Who did what, for a dispatcher's email. */
	summary: string | null;
	supportPhone: string | null;
	link: string;
	/** The page that turns this stage off, for non-essential emails. */
	unsubscribeUrl: string | null;
};

/**
 * Every stage email on one shape: what happened, the job's number and reference, one button to
 * that exact screen, the support phone, and how to stop this kind of email.
 */
export function stageEmail(input: StageEmailInput): RenderedEmail {
	const t = emailText(input.locale);
	const tenant = input.tenantName.replace(/[\r\n]+/g, " ").trim();
	const facts = {
		kind: input.kind,
		job: input.job ?? 0,
		number: input.number ?? 0,
		tenant,
		technician: input.technician ?? t("email.notify.someone"),
		minutes: input.minutes ?? 0,
		summary: input.summary ?? "",
		amount: input.amount ?? "",
		due: input.due ?? "",
	};
	const details: EmailDetail[] = [];
	if (input.job !== null)
		details.push({ label: t("email.notify.jobLabel"), value: `#${input.job}`, strong: true });
	for (const stop of input.stops)
		details.push({ label: t("email.booking.stop", { kind: stop.kind }), value: stop.address });
	if (input.reference) details.push({ label: t("email.booking.reference"), value: input.reference });
	if (input.when) details.push({ label: t("email.booking.when"), value: input.when });
	if (input.technician) details.push({ label: t("email.notify.technician"), value: input.technician });
	if (input.message) details.push({ label: t("email.notify.message"), value: input.message });
	if (input.amount) {
		const label =
			input.kind === "estimate"
				? t("email.estimate.total")
				: input.kind === "invoice" || input.kind === "invoice_overdue"
					? t("email.invoice.balance")
					: t("email.notify.amount");
		details.push({ label, value: input.amount, strong: true });
	}
	if (input.due) details.push({ label: t("email.invoice.due"), value: input.due });
	const howTo =
		input.kind === "booked"
			? t("email.booking.followLive")
			: input.kind === "estimate"
				? t("email.estimate.howTo")
				: input.kind === "invoice" || input.kind === "invoice_overdue"
					? t("email.invoice.howTo")
					: "";
	const hint = [
		howTo,
		input.supportPhone ? t("email.notify.support", { tenant, phone: input.supportPhone }) : "",
		input.unsubscribeUrl ? t("email.notify.unsubscribe", { url: input.unsubscribeUrl }) : "",
	]
		.filter(Boolean)
		.join(" ");
	return renderDetailsEmail({
		...input,
		tenantName: tenant,
		subject: t("email.notify.subject", facts),
		intro: t("email.notify.intro", facts),
		details,
		imageUrl: input.technicianPhotoUrl,
		action: { label: t("email.notify.view", facts), href: input.link },
		hint,
	});
}

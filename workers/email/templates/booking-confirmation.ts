import type { JobKind, StopKind } from "../../../schema/job-values";
import { emailText } from "../messages";
import { type EmailBranding, type RenderedEmail, renderDetailsEmail } from "./layout";

export type BookingConfirmationInput = EmailBranding & {
	jobNumber: number;
	kind: JobKind;
	/** The window already formatted in the tenant's time zone and the email's language; null: not yet scheduled. */
	when: string | null;
	stops: Array<{ kind: StopKind; address: string }>;
	reference: string | null;
	link: string;
};

/** Sent to the booker when a portal booking lands: what was booked and a link straight to the job. */
export function bookingConfirmationEmail(input: BookingConfirmationInput): RenderedEmail {
	const t = emailText(input.locale);
	const tenant = input.tenantName.replace(/[\r\n]+/g, " ").trim();
	const job = input.jobNumber;
	const subject = t("email.booking.subject", { job, tenant });
	const intro = t("email.booking.intro", { kind: input.kind });
	return renderDetailsEmail({
		...input,
		tenantName: tenant,
		subject,
		intro,
		details: [
			...input.stops.map((s) => ({ label: t("email.booking.stop", { kind: s.kind }), value: s.address })),
			{ label: t("email.booking.when"), value: input.when ?? t("email.booking.toBeScheduled") },
			...(input.reference ? [{ label: t("email.booking.reference"), value: input.reference }] : []),
		],
		action: { label: t("email.booking.view", { job }), href: input.link },
		hint: t("email.booking.followLive"),
	});
}

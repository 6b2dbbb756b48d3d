import type { JobKind, StopKind } from "../../../schema/job-values";
import { emailText } from "../messages";
import {
	type EmailBranding,
	escapeHtml,
	type RenderedEmail,
	renderButton,
	renderEmailLayout,
	renderParagraph,
} from "./layout";

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
	const details = [
		...input.stops.map((s) => [t("email.booking.stop", { kind: s.kind }), s.address] as const),
		[t("email.booking.when"), input.when ?? t("email.booking.toBeScheduled")] as const,
		...(input.reference ? [[t("email.booking.reference"), input.reference] as const] : []),
	];
	const rows = details
		.map(
			([label, value]) =>
				`<tr><td style="padding:4px 16px 4px 0;color:#52606d;vertical-align:top;">${escapeHtml(label)}</td><td style="padding:4px 0;">${escapeHtml(value)}</td></tr>`,
		)
		.join("");
	const view = t("email.booking.view", { job });
	const bodyHtml = [
		renderParagraph(intro),
		`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 24px;font-size:15px;">${rows}</table>`,
		renderButton({ href: input.link, label: view, colors: input.colors }),
		renderParagraph(t("email.booking.followLive"), "color:#52606d;font-size:14px;"),
	].join("\n");
	const text = [
		intro,
		"",
		...details.map(([label, value]) => `${label}: ${value}`),
		"",
		`${view}: ${input.link}`,
		"",
	].join("\n");
	return {
		subject,
		text,
		html: renderEmailLayout({ ...input, tenantName: tenant, title: subject, bodyHtml, preheader: intro }),
	};
}

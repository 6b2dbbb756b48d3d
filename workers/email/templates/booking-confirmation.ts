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
	/** "Pickup" or "Service call". */
	kindLabel: string;
	/** The window already formatted in the tenant's time zone. */
	when: string;
	stops: Array<{ label: string; address: string }>;
	reference: string | null;
	link: string;
};

/** Sent to the booker when a portal booking lands: what was booked and a link straight to the job. */
export function bookingConfirmationEmail(input: BookingConfirmationInput): RenderedEmail {
	const tenantName = input.tenantName.replace(/[\r\n]+/g, " ").trim();
	const subject = `Booked: job #${input.jobNumber} with ${tenantName}`;
	const intro = `We've received your ${input.kindLabel.toLowerCase()} booking. Dispatch will assign it shortly.`;
	const details = [
		...input.stops.map((s) => [s.label, s.address] as const),
		["When", input.when] as const,
		...(input.reference ? [["Reference", input.reference] as const] : []),
	];
	const rows = details
		.map(
			([label, value]) =>
				`<tr><td style="padding:4px 16px 4px 0;color:#52606d;vertical-align:top;">${escapeHtml(label)}</td><td style="padding:4px 0;">${escapeHtml(value)}</td></tr>`,
		)
		.join("");
	const bodyHtml = [
		renderParagraph(intro),
		`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 24px;font-size:15px;">${rows}</table>`,
		renderButton({ href: input.link, label: `View job #${input.jobNumber}`, colors: input.colors }),
		renderParagraph(
			"You can follow the job live from that page once it is on its way.",
			"color:#52606d;font-size:14px;",
		),
	].join("\n");
	const text = [
		intro,
		"",
		...details.map(([label, value]) => `${label}: ${value}`),
		"",
		`View job #${input.jobNumber}: ${input.link}`,
		"",
	].join("\n");
	return {
		subject,
		text,
		html: renderEmailLayout({ ...input, tenantName, title: subject, bodyHtml, preheader: intro }),
	};
}

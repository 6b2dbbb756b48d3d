import type { z } from "@hono/zod-openapi";
import type { JobDetailSchema } from "../../contracts/customer";
import { emailBrandingOf } from "../../email/branding";
import { bookingConfirmationEmail } from "../../email/templates/booking-confirmation";
import type { SendEmail } from "../../email/types";
import { formatWindow } from "../format";
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

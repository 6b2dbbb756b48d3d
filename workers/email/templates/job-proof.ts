import type { JobKind } from "../../../schema/job-values";
import type { FailureReason } from "../../../schema/proof-values";
import { emailText } from "../messages";
import { type EmailBranding, type RenderedEmail, renderDetailsEmail } from "./layout";

export type JobProofEmailInput = EmailBranding & {
	jobNumber: number;
	kind: JobKind;
	/** When, formatted in the tenant's zone and the email's language. */
	when: string;
	technicianName: string;
	recipientName: string | null;
	failure: { reason: FailureReason; text: string | null } | null;
	/** The job in the portal, where the proof and the report are. */
	link: string;
};

/** Sent to the customer when their job is completed (the proof and report) or could not be. */
export function jobProofEmail(input: JobProofEmailInput): RenderedEmail {
	const t = emailText(input.locale);
	const tenant = input.tenantName.replace(/[\r\n]+/g, " ").trim();
	const job = input.jobNumber;
	const failed = input.failure;
	return renderDetailsEmail({
		...input,
		tenantName: tenant,
		subject: failed
			? t("email.proof.failedSubject", { job, tenant })
			: t("email.proof.completedSubject", { job, tenant }),
		intro: failed
			? t("email.proof.failedIntro", { reason: failed.reason, text: failed.text ?? "" })
			: t("email.proof.completedIntro", { kind: input.kind }),
		details: [
			{ label: t("email.proof.when"), value: input.when },
			{ label: t("email.proof.technician"), value: input.technicianName },
			...(input.recipientName ? [{ label: t("email.proof.recipient"), value: input.recipientName }] : []),
		],
		action: { label: t("email.proof.view", { job }), href: input.link },
		hint: failed ? t("email.proof.failedHint") : t("email.proof.report"),
	});
}

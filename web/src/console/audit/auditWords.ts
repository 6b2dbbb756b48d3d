/**
 * What an audit entry says, in words: "Cancelled job #1031", "Blocked Priya Natarajan". The
 * action codes stay in the CSV and in the Action filter; people read sentences. A sentence is a
 * list of parts, `TARGET` standing where the entry's subject goes, so the page can link it.
 */

export const TARGET = Symbol("target");
export type SentencePart = string | typeof TARGET;

export type AuditFacts = {
	action: string;
	targetType: string | null;
	/** By name: "job #1031", "Dana Reyes"; null when the subject has none. */
	target: string | null;
	data: Record<string, unknown> | null;
};

/** The codes the server writes, each with its words, for the Action filter's suggestions. */
export const ACTION_LABELS: Record<string, string> = {
	"auth.signed_in": "Signed in",
	"auth.signed_out": "Signed out",
	"auth.signed_out_everywhere": "Signed out everywhere",
	"auth.session_ended": "Session ended",
	"auth.link_sent": "Sign-in email sent",
	"auth.link_not_sent": "Sign-in email not sent",
	"auth.link_refused": "Sign-in email refused (too many)",
	"auth.link_send_failed": "Sign-in email failed",
	"auth.code_failed": "Wrong sign-in code",
	"auth.code_voided": "Sign-in code voided",
	"job.*": "Every job action",
	"job.booked": "Job booked by a customer",
	"job.created": "Job created",
	"job.updated": "Job edited",
	"job.cancelled": "Job cancelled",
	"job.assigned": "Job assigned",
	"job.reassigned": "Job reassigned",
	"job.unassigned": "Job unassigned",
	"job.en_route": "Technician on the way",
	"job.in_progress": "Job started",
	"job.paused": "Job paused",
	"job.completed": "Job completed",
	"job.note_added": "Note added to a job",
	"job.photo_added": "Photo added to a job",
	"contact.*": "Every contact action",
	"contact.created": "Contact added",
	"contact.updated": "Contact changed",
	"contact.blocked": "Customer blocked",
	"contact.unblocked": "Customer unblocked",
	"account.created": "Account added",
	"technician.created": "Technician added",
	"technician.updated": "Technician changed",
	"technician.bio_approved": "Technician bio approved",
	"technician.photo_changed": "Technician photo changed",
	"staff.added": "Staff member added",
	"staff.updated": "Staff member changed",
	"staff.deactivated": "Staff member deactivated",
	"settings.updated": "Settings changed",
	"settings.logo_changed": "Logo changed",
	"tracking_link.created": "Tracking link created",
	"tracking_link.revoked": "Tracking link revoked",
};

const NOT_SENT: Record<string, string> = {
	unknown: "nobody here signs in with it",
	blocked: "the customer is blocked",
	disabled: "their access is turned off",
	app_origin_not_configured: "the app's address is not set up",
};

const ENDED: Record<string, string> = {
	idle: "after 14 days without use",
	expired: "after 30 days",
	blocked: "by a block",
	access_revoked: "because their access ended",
};

const SIGN_IN_METHOD: Record<string, string> = { link: " by email link", code: " with a code" };

const text = (data: AuditFacts["data"], key: string) => {
	const value = data?.[key];
	return typeof value === "string" && value ? value : undefined;
};

/** "tracking_link.created" → "Tracking link created": the words of a code nobody wrote a sentence for yet. */
function fallback(action: string): string {
	const [area = "", verb = ""] = action.split(".");
	const words = `${area.replaceAll("_", " ")} ${verb.replaceAll("_", " ")}`.trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The entry as a sentence. `nameOf` turns a technician's id (an assignment's data) into a name.
 */
export function auditSentence(entry: AuditFacts, nameOf: (id: string) => string | undefined): SentencePart[] {
	const { data } = entry;
	const technician = text(data, "technicianId");
	const toTechnician = technician ? ` to ${nameOf(technician) ?? "a technician"}` : "";
	switch (entry.action) {
		case "auth.signed_in":
			return [`Signed in${SIGN_IN_METHOD[text(data, "method") ?? ""] ?? ""}`];
		case "auth.signed_out":
			return ["Signed out"];
		case "auth.signed_out_everywhere":
			return ["Signed out on every device"];
		case "auth.session_ended": {
			const why = ENDED[text(data, "reason") ?? ""];
			return [why ? `Session ended ${why}` : "Session ended"];
		}
		case "auth.link_sent":
			return ["Sign-in email sent to ", TARGET];
		case "auth.link_send_failed":
			return ["Sign-in email to ", TARGET, " could not be sent"];
		case "auth.link_refused":
			return ["Sign-in email to ", TARGET, " refused: too many asked for"];
		case "auth.link_not_sent": {
			const why = NOT_SENT[text(data, "reason") ?? ""];
			return ["No sign-in email sent to ", TARGET, why ? `: ${why}` : ""];
		}
		case "auth.code_failed":
			return ["Wrong sign-in code for ", TARGET];
		case "auth.code_voided":
			return ["Sign-in code for ", TARGET, " voided after too many wrong tries"];
		case "job.booked":
			return ["Booked ", TARGET, " in the portal"];
		case "job.created":
			return ["Created ", TARGET];
		case "job.updated":
			return ["Edited ", TARGET];
		case "job.cancelled": {
			const reason = text(data, "reason");
			return ["Cancelled ", TARGET, reason ? `: “${reason}”` : ""];
		}
		case "job.assigned":
			return ["Assigned ", TARGET, toTechnician];
		case "job.reassigned":
			return ["Reassigned ", TARGET, toTechnician];
		case "job.unassigned":
			return ["Unassigned ", TARGET];
		case "job.en_route":
			return [text(data, "from") === "paused" ? "Back on the road to " : "Set off for ", TARGET];
		case "job.in_progress":
			return [text(data, "from") === "paused" ? "Resumed " : "Arrived and started ", TARGET];
		case "job.paused": {
			const message = text(data, "pausedMessage");
			return ["Paused ", TARGET, message ? `: “${message}”` : ""];
		}
		case "job.completed":
			return ["Completed ", TARGET];
		case "job.note_added":
			return ["Added a note to ", TARGET];
		case "job.photo_added":
			return ["Added a photo to ", TARGET];
		case "contact.created":
			return ["Added the contact ", TARGET];
		case "contact.updated":
			return ["Changed the contact ", TARGET];
		case "contact.blocked":
			return ["Blocked ", TARGET];
		case "contact.unblocked":
			return ["Unblocked ", TARGET];
		case "account.created":
			return ["Added the account ", TARGET];
		case "technician.created":
			return ["Added the technician ", TARGET];
		case "technician.updated":
			return ["Changed the technician ", TARGET];
		case "technician.bio_approved":
			return ["Approved the bio of ", TARGET];
		case "technician.photo_changed":
			return ["Changed the photo of ", TARGET];
		case "staff.added":
			return ["Added ", TARGET, " to the staff"];
		case "staff.updated":
			return ["Changed the staff member ", TARGET];
		case "staff.deactivated":
			return ["Deactivated the staff member ", TARGET];
		case "settings.updated":
			return ["Changed the settings"];
		case "settings.logo_changed":
			return ["Changed the logo"];
		case "tracking_link.created":
			return ["Created a tracking link for ", TARGET];
		case "tracking_link.revoked":
			return ["Revoked a tracking link"];
		default:
			return entry.target ? [fallback(entry.action), ": ", TARGET] : [fallback(entry.action)];
	}
}

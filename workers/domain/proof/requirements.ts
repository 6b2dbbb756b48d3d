import type { ProofRules } from "../../../schema/proof-values";
import type { CompletionInput } from "../../contracts/proof";
import type { FieldIssue } from "../../errors";

const issue = (field: string, message: string): FieldIssue => ({ path: [field], field, message });

/**
 * The items a completion lacks under the tenant's rules for the job's kind, each named; a
 * failed attempt needs only its reason (and the text when the reason is "other").
 */
export function missingProofItems(rules: ProofRules, input: CompletionInput): FieldIssue[] {
	if (input.outcome === "failed") {
		if (!input.failureReason) return [issue("failureReason", "Say why the job could not be completed.")];
		if (input.failureReason === "other" && !input.failureText) {
			return [issue("failureText", "Say what happened.")];
		}
		return [];
	}
	const missing: FieldIssue[] = [];
	if (rules.recipientName === "required" && !input.recipientName)
		missing.push(issue("recipientName", "Enter who received the job."));
	if (rules.signature === "required" && !input.signaturePng)
		missing.push(issue("signaturePng", "Ask the recipient to sign."));
	if ((input.photoIds?.length ?? 0) < rules.photosMin)
		missing.push(
			issue("photoIds", rules.photosMin === 1 ? "Take a photo." : `Take at least ${rules.photosMin} photos.`),
		);
	if (rules.note === "required" && !input.note) missing.push(issue("note", "Add a note."));
	if (rules.workDone === "required" && !input.workDone)
		missing.push(issue("workDone", "Describe the work done."));
	if (rules.parts === "required" && !input.parts?.length)
		missing.push(issue("parts", "List the parts used."));
	return missing;
}

/** Whether the tenant asks for anything to complete a job of this kind (then a bare status move is refused). */
export const requiresProof = (rules: ProofRules): boolean =>
	rules.photosMin > 0 ||
	(["recipientName", "signature", "note", "workDone", "parts"] as const).some((k) => rules[k] === "required");

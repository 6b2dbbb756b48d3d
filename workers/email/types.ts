/** One message the app sends. `idempotencyKey` makes a retried send deliver at most once. */
export type OutgoingEmail = {
	tenantId: string | null;
	to: string;
	subject: string;
	text: string;
	html: string;
	idempotencyKey: string;
	/** Extra headers (List-Unsubscribe and List-Unsubscribe-Post on non-essential mail). */
	headers?: Record<string, string>;
};

/** Delivers an email; never throws. `delivered: false` means every attempt failed and was logged. */
export type SendEmail = (email: OutgoingEmail) => Promise<{ delivered: boolean }>;

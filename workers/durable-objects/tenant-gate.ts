import { DurableObject } from "cloudflare:workers";

/**
 * One per tenant (`idFromName(tenantId)`): send rate limits, booking idempotency
 * and the dispatcher board fan-out all serialize through it.
 */
export class TenantGate extends DurableObject<Env> {
	/** Round trip with no work, the baseline the booking benchmark is measured against. */
	async noop(): Promise<number> {
		return Date.now();
	}
}

/** The events a webhook endpoint can subscribe to. */
export const webhookEventTypes = [
	"job.created",
	"job.assigned",
	"job.status_changed",
	"booking.created",
	"estimate.approved",
	"estimate.changes_requested",
	"invoice.paid",
	"survey.submitted",
	"customer.blocked",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
